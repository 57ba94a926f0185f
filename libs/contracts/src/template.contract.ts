import { z } from 'zod';

/** GET /api/numbers/:id/templates: the number's WABA templates, by name then language. */
/** The statuses Meta gives a template (its template API and status webhooks). */
export const TEMPLATE_STATUSES = [
  'APPROVED',
  'PENDING',
  'REJECTED',
  'PAUSED',
  'DISABLED',
  'FLAGGED',
  'IN_APPEAL',
  'REINSTATED',
  'LIMIT_EXCEEDED',
  'LOCKED',
  'PENDING_DELETION',
  'ARCHIVED',
  'DELETED',
] as const;

/** GET /api/numbers/:id/templates: the number's WABA templates, by name then language. */
export const listTemplatesQuery = z.strictObject({
  status: z.enum(TEMPLATE_STATUSES).optional(),
  name: z.string().min(1).max(512).optional(),
});
export type ListTemplatesQuery = z.infer<typeof listTemplatesQuery>;

/** A message template as Meta last listed it; `deletedAt` once a sync no longer found it. */
export interface TemplateView {
  id: string;
  wabaId: string;
  metaId: string;
  name: string;
  language: string;
  category: string;
  status: string;
  qualityScore: string | null;
  components: unknown[];
  parameterFormat: 'POSITIONAL' | 'NAMED';
  syncedAt: string;
  deletedAt: string | null;
}

/** Meta's error on the latest failed sync attempt. */
export interface TemplateSyncErrorView {
  code: number | null;
  subcode: number | null;
  message: string;
}

/** A WABA's latest template sync; after a successful one, the counts of what it changed. */
export interface TemplateSyncView {
  wabaId: string;
  attemptedAt: string;
  syncedAt: string | null;
  error: TemplateSyncErrorView | null;
  /** Templates Meta listed (every page). */
  listed: number;
  /** Stored templates no longer listed, marked deleted by this sync. */
  markedDeleted: number;
}
