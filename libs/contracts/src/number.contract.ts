import { z } from 'zod';

/** Meta's object ids are decimal digits. */
const graphId = z.string().regex(/^\d{1,32}$/, 'must be the numeric id Meta shows (digits only)');
const secret = (max: number) => z.string().min(1).max(max);

/** POST /api/numbers. The display number is read from Graph; secrets are write-only (sealed, never returned). */
export const registerNumberRequest = z.strictObject({
  phoneNumberId: graphId,
  wabaId: graphId,
  departmentId: z.uuid(),
  accessToken: secret(2048),
  appSecret: secret(256),
  verifyToken: secret(256),
});
export type RegisterNumberRequest = z.infer<typeof registerNumberRequest>;

/** GET /api/numbers: oldest first, keyset-paginated. */
export const listNumbersQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(100),
  cursor: z.string().max(200).optional(),
  /** `true`: archived numbers only (they are left out by default). */
  archived: z.enum(['true', 'false']).default('false'),
});
export type ListNumbersQuery = z.infer<typeof listNumbersQuery>;

/** One check of a connection test; `error` is Meta's own (code, subcode, message) when it failed. */
export interface ConnectionCheckView {
  name: 'token' | 'subscribed_app' | 'webhook_verify_token';
  ok: boolean;
  detail?: string;
  error?: { code: number | null; subcode?: number | null; message: string };
  /** When this check ran, if not with the rest of the test: a token rotation stores its own token check. */
  at?: string;
}

export interface ConnectionTestView {
  ok: boolean;
  at: string;
  checks: ConnectionCheckView[];
}

/** A WhatsApp number as admins see it: never its access token, app secret or verify token. */
export interface NumberView {
  id: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
  wabaId: string;
  departmentId: string;
  health: string;
  healthReason: string | null;
  verifiedName: string | null;
  qualityRating: string | null;
  messagingLimitTier: string | null;
  nameStatus: string | null;
  throughputLevel: string | null;
  connectionTest: ConnectionTestView | null;
  /** After an app secret rotation: until when deliveries signed with the previous secret are accepted. */
  previousAppSecretAcceptedUntil: string | null;
  /** Set while disabled: deliveries are stored and acknowledged but held, replies refused. */
  disabledAt: string | null;
  /** Set while archived: kept with its history and conversations, deliveries held, replies refused. */
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** PATCH /api/numbers/:id/credentials: a new access token (checked against Graph first), a new app secret, or both. */
export const rotateCredentialsRequest = z
  .strictObject({
    accessToken: secret(2048).optional(),
    appSecret: secret(256).optional(),
  })
  .refine(
    (v) => v.accessToken !== undefined || v.appSecret !== undefined,
    'give accessToken, appSecret or both',
  );
export type RotateCredentialsRequest = z.infer<typeof rotateCredentialsRequest>;

/** One entry of a number's history (GET /api/numbers/:id/events), oldest first. */
export interface NumberEventView {
  id: string;
  kind: string;
  at: string;
  detail: Record<string, unknown>;
}

/** POST /api/numbers/:id/move: bind the number to another department (moving to its own department changes nothing). */
export const moveNumberRequest = z.strictObject({ departmentId: z.uuid() });
export type MoveNumberRequest = z.infer<typeof moveNumberRequest>;
