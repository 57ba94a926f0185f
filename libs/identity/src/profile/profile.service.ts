import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, NotFoundException } from '@nestjs/common';
import { ChangePasswordRequest, ProfileView, UpdateProfileRequest } from '@switchboard/contracts';
import { sql } from '@switchboard/engine';
import { AccessScope } from '../access/access-scope.service';
import { AuditLog } from '../audit/audit-log.service';
import { PasswordHasher, passwordProblem } from '../auth/password-hasher';
import { SessionRepository } from '../auth/session.repository';
import { UserTokenService } from '../users/user-token.service';
import { toUserView, UserRepository, UserRow } from '../users/user.repository';
import { CurrentPasswordCheck, noPassword } from './current-password.service';
import { fieldRefusal } from './field-refusal';

const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (e: unknown) => (e as { code?: unknown } | null)?.code === UNIQUE_VIOLATION;
const emailTaken = () => fieldRefusal(409, 'email', 'another user has this e-mail', 'email_taken');

/** The signed-in user's own name, e-mail and password. Each change is audited in its transaction. */
@Injectable()
export class ProfileService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly currentPassword: CurrentPasswordCheck,
    private readonly audit: AuditLog,
    private readonly links: UserTokenService,
  ) {}

  async get(userId: string = this.scope.actor().id): Promise<ProfileView> {
    const user = await this.users.byId(userId);
    if (!user) throw new NotFoundException(`user ${userId} not found`);
    return {
      ...toUserView(user),
      mfaEnabled: user.mfa_enabled_at !== null,
      hasPassword: user.password_hash !== null,
    };
  }

  /**
   * A new name and/or e-mail; a different e-mail needs the current password and must be free. What equals the current
   * value is no change (nothing is written or audited).
   */
  async update(change: UpdateProfileRequest): Promise<ProfileView> {
    const user = await this.me();
    const email = change.email !== undefined && change.email !== user.email ? change.email : undefined;
    if (email !== undefined) {
      if (!user.password_hash) throw noPassword('email');
      if (change.currentPassword === undefined)
        throw fieldRefusal(
          400,
          'currentPassword',
          'the current password is required to change the e-mail',
          'password_required',
        );
      await this.currentPassword.assert(user, change.currentPassword);
    }
    const name = change.name !== undefined && change.name !== user.name ? change.name : undefined;
    if (name === undefined && email === undefined) return this.get(user.id);
    try {
      await this.em.transactional(async (em) => {
        if (email !== undefined && (await this.users.byEmail(email, em))) throw emailTaken();
        await sql(
          em,
          'update users set name = coalesce(?, name), email = coalesce(?, email), updated_at = now() where id = ?',
          [name ?? null, email ?? null, user.id],
        );
        await this.audit.record(
          {
            action: 'user.profile.updated',
            targetType: 'user',
            targetId: user.id,
            details: {
              before: {
                ...(name !== undefined ? { name: user.name } : {}),
                ...(email !== undefined ? { email: user.email } : {}),
              },
              change: { ...(name !== undefined ? { name } : {}), ...(email !== undefined ? { email } : {}) },
            },
          },
          em,
        );
      });
    } catch (e) {
      // Two users taking the same e-mail at once: the unique index decides, and the loser hears the same 409.
      if (isUniqueViolation(e)) throw emailTaken();
      throw e;
    }
    return this.get(user.id);
  }

  /**
   * Sets a new password after checking the current one, and signs out every other session of the user: whoever
   * else held one (perhaps the reason for the change) must sign in again. This session stays.
   */
  async changePassword(body: ChangePasswordRequest): Promise<{ signedOut: number }> {
    const user = await this.me();
    if (!user.password_hash) throw noPassword('currentPassword');
    const problem = passwordProblem(body.newPassword);
    if (problem) throw fieldRefusal(400, 'newPassword', problem, 'password_rule');
    if (body.newPassword === body.currentPassword)
      throw fieldRefusal(
        400,
        'newPassword',
        'the new password must differ from the current one',
        'password_unchanged',
      );
    await this.currentPassword.assert(user, body.currentPassword);
    const hash = await this.hasher.hash(body.newPassword);
    const sessionId = this.sessionId();
    return this.em.transactional(async (em) => {
      await sql(em, 'update users set password_hash = ?, updated_at = now() where id = ?', [hash, user.id]);
      await this.links.voidAll(em, user.id);
      const signedOut = await this.sessions.revokeOthers(em, user.id, sessionId, 'password_changed');
      await this.audit.record(
        {
          action: 'user.password.changed',
          targetType: 'user',
          targetId: user.id,
          details: { otherSessionsSignedOut: signedOut },
        },
        em,
      );
      return { signedOut };
    });
  }

  /** "Sign out everywhere else": every session of the user but this one. */
  async signOutOthers(): Promise<{ signedOut: number }> {
    const { id } = this.scope.actor();
    const sessionId = this.sessionId();
    return this.em.transactional(async (em) => {
      const signedOut = await this.sessions.revokeOthers(em, id, sessionId, 'signed_out_elsewhere');
      await this.audit.record(
        {
          action: 'auth.sessions.revoked',
          targetType: 'user',
          targetId: id,
          details: { reason: 'signed_out_elsewhere', sessions: signedOut },
        },
        em,
      );
      return { signedOut };
    });
  }

  private async me(): Promise<UserRow> {
    const { id } = this.scope.actor();
    const user = await this.users.byId(id);
    if (!user) throw new NotFoundException(`user ${id} not found`);
    return user;
  }

  /** The session behind this request (the routes are for signed-in users, never API tokens). */
  private sessionId(): string {
    const { sessionId } = this.scope.actor();
    if (!sessionId) throw new Error('a signed-in user without a session reached a profile route');
    return sessionId;
  }
}
