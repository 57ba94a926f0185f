import { http } from '../../../api/http';
import type { components } from '../../../api/schema';
import { submitted } from '../forms/refusal';

export type Pipeline = components['schemas']['PipelineDto'];
export type PipelineStage = Pipeline['stages'][number];
export type PipelineField = Pipeline['fields'][number];

/** The pipelines of the departments the reader can see (one department's when given), stages in board order. */
export const listPipelines = (departmentId?: string): Promise<Pipeline[]> =>
  submitted(() => http.GET('/api/pipelines', { params: { query: { departmentId } } }));
