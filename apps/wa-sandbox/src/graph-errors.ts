import { newFbTraceId } from './ids';

export const ERROR_CODES_HREF =
  'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/';

export interface GraphErrorOptions {
  type?: 'OAuthException' | 'GraphMethodException';
  subcode?: number;
  /** Graph-level errors use free text instead of `(#code) title` and carry no error_data. */
  rawMessage?: string;
  /** Business-management errors (e.g. template creation) carry a user-facing title and message. */
  userTitle?: string;
  userMessage?: string;
}

/** A synchronous Graph API failure: HTTP status + Meta's `{ error: {...} }` body. */
export class GraphError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number,
    readonly title: string,
    readonly details: string | undefined,
    readonly options: GraphErrorOptions = {},
  ) {
    super(options.rawMessage ?? `(#${code}) ${title}`);
  }

  toBody(): { error: Record<string, unknown> } {
    const error: Record<string, unknown> = {
      message: this.message,
      type: this.options.type ?? 'OAuthException',
      code: this.code,
    };
    if (this.options.subcode !== undefined) error.error_subcode = this.options.subcode;
    if (this.options.userTitle !== undefined) {
      error.is_transient = false;
      error.error_user_title = this.options.userTitle;
      error.error_user_msg = this.options.userMessage ?? '';
    }
    if (this.details !== undefined)
      error.error_data = { messaging_product: 'whatsapp', details: this.details };
    error.fbtrace_id = newFbTraceId();
    return { error };
  }
}

/** Error object as it appears inside webhooks (statuses[].errors, messages[].errors). */
export interface WebhookError {
  code: number;
  title: string;
  message: string;
  error_data: { details: string };
  href: string;
}

export function webhookError(code: number, title: string, details: string): WebhookError {
  return { code, title, message: title, error_data: { details }, href: ERROR_CODES_HREF };
}

export const graphErrors = {
  invalidParameter: (details: string) => new GraphError(400, 100, 'Invalid parameter', details),
  missingParameter: (details: string) =>
    new GraphError(400, 131008, 'Required parameter is missing', details),
  invalidValue: (details: string) => new GraphError(400, 131009, 'Parameter value is not valid', details),

  unknownObject: (method: string, id: string) =>
    new GraphError(400, 100, 'Invalid parameter', undefined, {
      type: 'GraphMethodException',
      subcode: 33,
      rawMessage:
        `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded ` +
        'due to missing permissions, or does not support this operation. Please read the Graph API ' +
        'documentation at https://developers.facebook.com/docs/graph-api',
    }),

  /** Graph's answer to `?fields=` naming a field the node type does not have. */
  nonexistingField: (field: string, nodeType: string) =>
    new GraphError(400, 100, 'Invalid parameter', undefined, {
      rawMessage: `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})`,
    }),
  /** Graph's parameter-validation errors on management endpoints, e.g. `(#100) The parameter name is required`. */
  paramError: (text: string) =>
    new GraphError(400, 100, 'Invalid parameter', undefined, { rawMessage: `(#100) ${text}` }),
  /** Template-creation rejections: code 100 with a subcode and Meta's user-facing title/message. */
  templateCreation: (subcode: number, userTitle: string, userMessage: string) =>
    new GraphError(400, 100, 'Invalid parameter', undefined, {
      subcode,
      rawMessage: 'Invalid parameter',
      userTitle,
      userMessage,
    }),

  invalidToken: () =>
    new GraphError(401, 190, 'Invalid OAuth access token', undefined, {
      rawMessage: 'Invalid OAuth access token - Cannot parse access token',
    }),

  expiredToken: (expiredAtMs: number, nowMs: number) =>
    new GraphError(401, 190, 'Session has expired', undefined, {
      subcode: 463,
      rawMessage:
        `Error validating access token: Session has expired on ${facebookDate(expiredAtMs)}. ` +
        `The current time is ${facebookDate(nowMs)}.`,
    }),

  throughput: () =>
    new GraphError(400, 130429, 'Rate limit hit', 'Cloud API message throughput has been reached.', {
      subcode: 2494055,
    }),
  pairRate: () =>
    new GraphError(
      400,
      131056,
      '(Business Account, Consumer Account) pair rate limit hit',
      'Message failed to send because there were too many messages sent from this phone number to the same ' +
        'phone number in a short period of time.',
    ),
  unknown: () =>
    new GraphError(500, 131000, 'Something went wrong', 'Message failed to send due to an unknown error.'),
  serviceUnavailable: () =>
    new GraphError(
      503,
      131016,
      'Service unavailable',
      'A service is temporarily unavailable. Please check the status page and try again later.',
    ),

  templateMissing: (name: string, language: string) =>
    new GraphError(
      400,
      132001,
      'Template name does not exist in the translation',
      `template name (${name}) does not exist in ${language}`,
    ),
  templateParams: (details: string) =>
    new GraphError(400, 132000, 'Number of parameters does not match the expected number of params', details),
  templateFormat: (details: string) =>
    new GraphError(400, 132012, 'Parameter format does not match format in the created template', details),
  templatePaused: (name: string, language: string) =>
    new GraphError(
      400,
      132015,
      'Template is Paused',
      `Template ${name} (${language}) is paused due to low quality.`,
    ),
  templateDisabled: (name: string, language: string) =>
    new GraphError(
      400,
      132016,
      'Template is disabled',
      `Template ${name} (${language}) has been permanently disabled.`,
    ),

  mediaUpload: (details: string) => new GraphError(400, 131053, 'Media upload error', details),
};

/** The codes failNextSends can inject, mapped to the error Meta returns for them. */
export function injectedSendError(code: 130429 | 131056 | 131000 | 131016): GraphError {
  switch (code) {
    case 130429:
      return graphErrors.throughput();
    case 131056:
      return graphErrors.pairRate();
    case 131000:
      return graphErrors.unknown();
    case 131016:
      return graphErrors.serviceUnavailable();
  }
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Graph prints token times in Pacific time, e.g. `Thursday, 01-Jan-26 10:00:00 PST` (PST approximated). */
function facebookDate(ms: number): string {
  const d = new Date(ms - 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${WEEKDAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${pad(d.getUTCFullYear() % 100)} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} PST`
  );
}
