import { http } from '../../../api/http';
import type { components, paths } from '../../../api/schema';
import { submitted } from '../forms/refusal';

export type Pipeline = components['schemas']['PipelineDto'];
export type PipelineStage = Pipeline['stages'][number];
export type PipelineField = Pipeline['fields'][number];
export type StageChange =
  paths['/api/pipelines/{id}/stages/{stageKey}']['patch']['requestBody']['content']['application/json'];
export type FieldChange =
  paths['/api/pipelines/{id}/fields/{fieldKey}']['patch']['requestBody']['content']['application/json'];

/** The pipelines of the departments the reader can see (one department's when given), stages in board order. */
export const listPipelines = (departmentId?: string): Promise<Pipeline[]> =>
  submitted(() => http.GET('/api/pipelines', { params: { query: { departmentId } } }));

/** Admins set a stage's attributes over the plugin's, or reset them; a refusal names each field. */
export const adjustStage = (id: string, stageKey: string, body: StageChange): Promise<Pipeline> =>
  submitted(() =>
    http.PATCH('/api/pipelines/{id}/stages/{stageKey}', { params: { path: { id, stageKey } }, body }),
  );

/** Admins set a field's label over the plugin's, or reset it. */
export const adjustField = (id: string, fieldKey: string, body: FieldChange): Promise<Pipeline> =>
  submitted(() =>
    http.PATCH('/api/pipelines/{id}/fields/{fieldKey}', { params: { path: { id, fieldKey } }, body }),
  );
