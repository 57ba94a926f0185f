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
  /**
   * From Meta's latest template status webhook, as sent: `event`, `reason` (e.g. INVALID_FORMAT), and when Meta
   * sent them `rejection_info`, `other_info` (pause or lock title and description) or `disable_info`.
   */
  statusDetail: Record<string, unknown> | null;
  /** Meta's time of that webhook. */
  statusChangedAt: string | null;
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

/** Example values Meta asks for with variables (`header_text`, `body_text`, `header_handle`, named params…). */
const templateExample = z.record(z.string(), z.unknown());

/**
 * One component of a new template, in Meta's own shape (upper-case types, snake_case fields), passed to Graph as
 * given. BODY first: it is the one component every template must have.
 */
const templateComponent = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('BODY'),
    text: z.string().min(1).max(1024),
    example: templateExample.optional(),
  }),
  z.strictObject({
    type: z.literal('HEADER'),
    format: z.enum(['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION']),
    text: z.string().min(1).max(60).optional(),
    example: templateExample.optional(),
  }),
  z.strictObject({ type: z.literal('FOOTER'), text: z.string().min(1).max(60) }),
  z.strictObject({
    type: z.literal('BUTTONS'),
    // Meta's button kinds carry different fields (url, phone_number, otp_type, flow_id…): Meta checks them.
    buttons: z
      .array(
        z.looseObject({
          type: z.enum(['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE', 'OTP', 'FLOW', 'CATALOG', 'MPM']),
        }),
      )
      .min(1)
      .max(10),
  }),
]);

/** POST /api/numbers/:id/templates: a new template in the number's WABA, sent to Meta for review. */
export const createTemplateRequest = z.strictObject({
  name: z
    .string()
    .regex(
      /^[a-z0-9_]{1,512}$/,
      'must be lowercase letters, digits and underscores (at most 512 characters)',
    ),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/, "must be a language code Meta knows, e.g. 'pt_BR'"),
  category: z.enum(['MARKETING', 'UTILITY', 'AUTHENTICATION']),
  components: z
    .array(templateComponent)
    .min(1)
    .max(4)
    .refine((cs) => cs.filter((c) => c.type === 'BODY').length === 1, 'must hold exactly one BODY component')
    .refine((cs) => new Set(cs.map((c) => c.type)).size === cs.length, 'must not repeat a component type'),
  parameterFormat: z.enum(['POSITIONAL', 'NAMED']).optional(),
  /** Lets Meta file the template under the category it judges right instead of rejecting it. */
  allowCategoryChange: z.boolean().optional(),
});
export type CreateTemplateRequest = z.infer<typeof createTemplateRequest>;
