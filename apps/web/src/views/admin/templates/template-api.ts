import { http } from '../../../api/http';
import type { components } from '../../../api/schema';
import { submitted } from '../forms/refusal';
import type { CreateTemplateBody } from './template-draft';

export type CreatedTemplate = components['schemas']['TemplateDto'];

/** Sends a new template to Meta through the api; a refusal (400 by field, 422 Meta's) comes back whole. */
export const createTemplate = (numberId: string, body: CreateTemplateBody): Promise<CreatedTemplate> =>
  submitted(() => http.POST('/api/numbers/{id}/templates', { params: { path: { id: numberId } }, body }));
