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

/** An Android app a one-tap or zero-tap code is handed to: its package and its app signing key hash. */
const supportedApp = z.strictObject({
  package_name: z
    .string()
    .max(224)
    .regex(
      /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/,
      'must be an Android package name like com.example.app',
    ),
  signature_hash: z.string().length(11, "must be the app's 11-character signing key hash"),
});

/**
 * An authentication template's one-time-password button: COPY_CODE copies the code, ONE_TAP hands it to the
 * Android apps in `supported_apps` (copy code elsewhere), ZERO_TAP does so without a tap once the business has
 * accepted Meta's zero-tap terms.
 */
const otpButton = z
  .strictObject({
    type: z.literal('OTP'),
    otp_type: z.enum(['COPY_CODE', 'ONE_TAP', 'ZERO_TAP']),
    /** The copy-code button's label (Meta's default "Copy code"). */
    text: z.string().min(1).max(25).optional(),
    /** The one-tap button's label (Meta's default "Autofill"). */
    autofill_text: z.string().min(1).max(25).optional(),
    supported_apps: z.array(supportedApp).min(1).max(5).optional(),
    zero_tap_terms_accepted: z.boolean().optional(),
  })
  .superRefine((b, ctx) => {
    if (b.otp_type !== 'COPY_CODE' && !b.supported_apps)
      ctx.addIssue({
        code: 'custom',
        path: ['supported_apps'],
        message: `a ${b.otp_type} button needs supported_apps [{package_name, signature_hash}]`,
      });
    if (b.otp_type === 'ZERO_TAP' && b.zero_tap_terms_accepted !== true)
      ctx.addIssue({
        code: 'custom',
        path: ['zero_tap_terms_accepted'],
        message: "a ZERO_TAP button needs zero_tap_terms_accepted: true (Meta's zero-tap terms)",
      });
  });

/**
 * One component of a new template, in Meta's own shape (upper-case types, snake_case fields), passed to Graph as
 * given. BODY first: it is the one component every template must have. An AUTHENTICATION template's BODY has no
 * text (Meta's preset "{{1}} is your verification code", with `add_security_recommendation` adding "do not share
 * it"); its FOOTER has `code_expiration_minutes` instead of text; its button is an OTP button.
 */
const templateComponent = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('BODY'),
    text: z.string().min(1).max(1024).optional(),
    example: templateExample.optional(),
    add_security_recommendation: z.boolean().optional(),
  }),
  z.strictObject({
    type: z.literal('HEADER'),
    format: z.enum(['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION']),
    text: z.string().min(1).max(60).optional(),
    example: templateExample.optional(),
  }),
  z.strictObject({
    type: z.literal('FOOTER'),
    text: z.string().min(1).max(60).optional(),
    code_expiration_minutes: z.number().int().min(1).max(90).optional(),
  }),
  z.strictObject({
    type: z.literal('BUTTONS'),
    buttons: z
      .array(
        z.discriminatedUnion('type', [
          otpButton,
          // Meta's other button kinds carry different fields (url, phone_number, flow_id…): Meta checks them.
          z.looseObject({
            type: z.enum(['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE', 'FLOW', 'CATALOG', 'MPM']),
          }),
        ]),
      )
      .min(1)
      .max(10),
  }),
]);
type TemplateComponentInput = z.infer<typeof templateComponent>;

/** What an AUTHENTICATION template may hold, and what only it may hold; each problem named at its component. */
function checkCategoryShape(
  category: string,
  components: TemplateComponentInput[],
  ctx: z.RefinementCtx,
): void {
  const auth = category === 'AUTHENTICATION';
  const issue = (i: number, path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path: ['components', i, ...path], message });
  components.forEach((c, i) => {
    if (c.type === 'BODY') {
      if (auth && c.text !== undefined)
        issue(i, ['text'], "an AUTHENTICATION template's body is Meta's preset text: leave text out");
      if (!auth && c.text === undefined) issue(i, ['text'], 'required');
      if (!auth && c.add_security_recommendation !== undefined)
        issue(i, ['add_security_recommendation'], 'only AUTHENTICATION templates take it');
    }
    if (c.type === 'HEADER' && auth) issue(i, ['type'], 'AUTHENTICATION templates have no header');
    if (c.type === 'FOOTER') {
      if (auth && c.text !== undefined)
        issue(i, ['text'], "an AUTHENTICATION template's footer is code_expiration_minutes, not text");
      if (!auth && c.text === undefined) issue(i, ['text'], 'required');
      if (!auth && c.code_expiration_minutes !== undefined)
        issue(i, ['code_expiration_minutes'], 'only AUTHENTICATION templates take it');
    }
    if (c.type === 'BUTTONS')
      c.buttons.forEach((b, j) => {
        if (auth !== (b.type === 'OTP'))
          ctx.addIssue({
            code: 'custom',
            path: ['components', i, 'buttons', j, 'type'],
            message: auth
              ? 'an AUTHENTICATION template has one OTP button and no other'
              : 'OTP buttons are for AUTHENTICATION templates',
          });
      });
  });
  if (auth && components.filter((c) => c.type === 'BUTTONS').flatMap((c) => c.buttons).length !== 1)
    ctx.addIssue({
      code: 'custom',
      path: ['components'],
      message: 'an AUTHENTICATION template needs a BUTTONS component with one OTP button',
    });
}

/** POST /api/numbers/:id/templates: a new template in the number's WABA, sent to Meta for review. */
export const createTemplateRequest = z
  .strictObject({
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
      .refine(
        (cs) => cs.filter((c) => c.type === 'BODY').length === 1,
        'must hold exactly one BODY component',
      )
      .refine((cs) => new Set(cs.map((c) => c.type)).size === cs.length, 'must not repeat a component type'),
    parameterFormat: z.enum(['POSITIONAL', 'NAMED']).optional(),
    /** Lets Meta file the template under the category it judges right instead of rejecting it. */
    allowCategoryChange: z.boolean().optional(),
  })
  .superRefine((t, ctx) => checkCategoryShape(t.category, t.components, ctx));
export type CreateTemplateRequest = z.infer<typeof createTemplateRequest>;
