import { z } from 'zod';

// Patterns on request text stay linear: the length check aborts first (zod runs later checks otherwise), and each
// character class excludes the character that follows it, so the engine never backtracks into it.
const email = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(254, { abort: true })
  .regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address');

export const loginRequest = z.strictObject({
  email: z.string().trim().min(1, 'email is required').max(254),
  password: z.string().min(1, 'password is required').max(256),
});
export type LoginRequest = z.infer<typeof loginRequest>;

export const departmentRole = z.enum(['supervisor', 'agent', 'viewer']);
export const membershipInput = z.strictObject({ departmentId: z.uuid(), role: departmentRole });

export const createUserRequest = z.strictObject({
  email,
  name: z.string().trim().min(1).max(200),
  /** Omit to invite: the response carries a single-use link for the user to choose a password. */
  password: z.string().min(12, 'password must be at least 12 characters').max(256).optional(),
  isAdmin: z.boolean().default(false),
  memberships: z.array(membershipInput).max(100).default([]),
});
export type CreateUserRequest = z.infer<typeof createUserRequest>;

/** Only what an admin may change; unknown keys (passwordHash, id…) are refused, not ignored. */
export const updateUserRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    status: z.enum(['active', 'disabled']).optional(),
    isAdmin: z.boolean().optional(),
    memberships: z.array(membershipInput).max(100).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UpdateUserRequest = z.infer<typeof updateUserRequest>;

export interface MembershipView {
  departmentId: string;
  departmentKey: string;
  /** The department's display name, for whoever shows the membership (a member may read its own department's). */
  departmentName: string;
  role: z.infer<typeof departmentRole>;
}

export interface UserView {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  status: 'active' | 'disabled';
  memberships: MembershipView[];
  lastLoginAt: string | null;
  createdAt: string;
}

/** A single-use link (invitation or password reset), shown once to the admin who issued it. */
export interface IssuedLinkView {
  token: string;
  expiresAt: string;
  path: string;
}

export interface CreatedUserView extends UserView {
  invitation?: IssuedLinkView;
}

export const acceptLinkRequest = z.strictObject({
  token: z.string().max(200),
  password: z.string().max(256),
});
export type AcceptLinkRequest = z.infer<typeof acceptLinkRequest>;

/** The password was right; a second factor is needed before a session is issued. */
export interface MfaChallengeResponse {
  mfaRequired: true;
  /** An admin under the two-factor policy without a factor yet: set it up with the secret below first. */
  mfaSetupRequired: boolean;
  /** Proves the password step for 5 minutes, once: send it back with the code to POST /api/auth/mfa/verify. */
  mfaToken: string;
  secret?: string;
  otpauthUri?: string;
}

export const mfaVerifyRequest = z.strictObject({
  mfaToken: z.string().min(1).max(2000),
  code: z
    .string()
    .trim()
    .max(6, { abort: true, message: 'code must be 6 digits' })
    .regex(/^\d{6}$/, 'code must be 6 digits'),
});
export type MfaVerifyRequest = z.infer<typeof mfaVerifyRequest>;

export const mfaChallengeRequest = z.strictObject({ mfaToken: z.string().min(1).max(2000) });
export type MfaChallengeRequest = z.infer<typeof mfaChallengeRequest>;

export const mfaCodeRequest = z.strictObject({
  code: z
    .string()
    .trim()
    .max(6, { abort: true, message: 'code must be 6 digits' })
    .regex(/^\d{6}$/, 'code must be 6 digits'),
});
export type MfaCodeRequest = z.infer<typeof mfaCodeRequest>;

/** Setting up a TOTP app; replacing one that is on needs a current code from it. No body is the same as `{}`. */
export const mfaSetupRequest = mfaCodeRequest.partial().optional();
export type MfaSetupRequest = z.infer<typeof mfaSetupRequest>;

/**
 * What a signed-in user changes about themselves. A new e-mail needs `currentPassword` too (checked by the api, which
 * knows whether the e-mail changes); unknown keys (isAdmin, status…) are refused, not ignored.
 */
export const updateProfileRequest = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1, 'name must not be empty')
      .max(200, 'name must be at most 200 characters')
      .optional(),
    email: email.optional(),
    currentPassword: z.string().min(1, 'currentPassword must not be empty').max(256).optional(),
  })
  .refine((v) => v.name !== undefined || v.email !== undefined, 'nothing to change: give name or email');
export type UpdateProfileRequest = z.infer<typeof updateProfileRequest>;

/** The new password follows the product's rule (the api checks it, as for invitation links). */
export const changePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1, 'currentPassword is required').max(256),
  newPassword: z.string().max(256, 'password must be at most 256 characters'),
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequest>;

/** The signed-in user as their profile screen needs them: no secret, only whether a factor or password is set. */
export interface ProfileView extends UserView {
  /** Two-step sign-in (TOTP) is on. */
  mfaEnabled: boolean;
  /** False for accounts that sign in through single sign-on only: there is no password to change. */
  hasPassword: boolean;
}

export interface LoginResponse {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: UserView;
}

export const listAuditEventsQuery = z.strictObject({
  action: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListAuditEventsQuery = z.infer<typeof listAuditEventsQuery>;

export interface AuditEventView {
  id: string;
  at: string;
  actorType: 'user' | 'api_token' | 'system' | 'anonymous';
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  departmentId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

export const API_TOKEN_PERMISSIONS = [
  'conversations.read',
  'conversations.reply',
  'conversations.assign',
  'routing.manage',
  'media.read',
  'teams.read',
  'teams.manage',
  'users.manage',
  'audit.read',
  'inbound_events.read',
  'inbound_events.replay',
] as const;

export const createApiTokenRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    permissions: z.array(z.enum(API_TOKEN_PERMISSIONS)).min(1).max(API_TOKEN_PERMISSIONS.length),
    /** The departments the token may act in; omit and set allDepartments for every department. */
    departmentIds: z.array(z.uuid()).max(100).optional(),
    allDepartments: z.boolean().default(false),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .refine(
    (v) => v.allDepartments !== Boolean(v.departmentIds?.length),
    'give either departmentIds (at least one) or allDepartments: true',
  );
export type CreateApiTokenRequest = z.infer<typeof createApiTokenRequest>;

export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  permissions: string[];
  departmentIds: string[] | null;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Returned once, at creation: the token itself is never shown again. */
export interface CreatedApiToken extends ApiTokenView {
  token: string;
}

export const createTeamRequest = z.strictObject({
  departmentId: z.uuid(),
  name: z.string().trim().min(1).max(80),
});
export type CreateTeamRequest = z.infer<typeof createTeamRequest>;

export const setTeamMembersRequest = z.strictObject({ userIds: z.array(z.uuid()).max(500) });
export type SetTeamMembersRequest = z.infer<typeof setTeamMembersRequest>;

export const listTeamsQuery = z.strictObject({ departmentId: z.uuid().optional() });
export type ListTeamsQuery = z.infer<typeof listTeamsQuery>;

export interface TeamView {
  id: string;
  departmentId: string;
  name: string;
  members: { id: string; name: string; email: string }[];
  createdAt: string;
}
