import { EntityManager } from '@mikro-orm/postgresql';
import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, sql, uuidv7 } from '@switchboard/engine';
import { AuditLog } from '../audit/audit-log.service';
import { hashOpaqueToken as hash, newOpaqueToken } from '../auth/opaque-token';
import { PasswordHasher, passwordProblem } from '../auth/password-hasher';
import { LoginThrottle } from '../auth/login-throttle.service';
import { SessionRepository } from '../auth/session.repository';
import type { UserTokenPurpose } from '../entities/user-token.entity';

const INVALID = 'this invitation or reset link is invalid, expired or already used';

export interface IssuedLink {
  token: string;
  expiresAt: string;
  /** Relative link to the web app's page that accepts it. */
  path: string;
}

/**
 * Invitation and password-reset links: random, single-use, expiring, stored as hashes. Issuing a new link voids the
 * user's earlier unused ones of the same purpose; using one sets the password and signs out every session.
 */
@Injectable()
export class UserTokenService {
  constructor(
    private readonly em: EntityManager,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionRepository,
    private readonly audit: AuditLog,
    private readonly throttle: LoginThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(em: EntityManager, userId: string, purpose: UserTokenPurpose): Promise<IssuedLink> {
    const token = newOpaqueToken();
    const hours =
      purpose === 'invitation' ? this.config.auth.invitationTtlHours : this.config.auth.passwordResetTtlHours;
    const expiresAt = new Date(Date.now() + hours * 3_600_000);
    await sql(
      em,
      `update user_tokens set used_at = now() where user_id = ? and purpose = ? and used_at is null`,
      [userId, purpose],
    );
    await sql(
      em,
      `insert into user_tokens (id, user_id, purpose, token_hash, created_at, expires_at) values (?, ?, ?, ?, now(), ?)`,
      [uuidv7(), userId, purpose, hash(token), expiresAt],
    );
    await this.audit.record({ action: `user.${purpose}.issued`, targetType: 'user', targetId: userId }, em);
    return { token, expiresAt: expiresAt.toISOString(), path: `/accept?token=${encodeURIComponent(token)}` };
  }

  /** Voids every unused link of the user: after they chose a password themselves, an older link must not reset it. */
  async voidAll(em: EntityManager, userId: string): Promise<void> {
    await sql(em, 'update user_tokens set used_at = now() where user_id = ? and used_at is null', [userId]);
  }

  /**
   * Sets the password from a link token. Every failure reads the same, so links cannot be probed. The token is
   * looked up before the password is hashed, so an unknown token costs no argon2 work, and each use is booked
   * against the client address's failure limit (withdrawn when the link was good).
   */
  async accept(tokenInput: string, password: string, ip: string): Promise<{ userId: string; email: string }> {
    const token = tokenInput.trim();
    if (!token) throw new BadRequestException('token is required');
    const booking = await this.throttle.reserveForAddress(ip);
    const [known] = await sql<{ id: string }>(
      this.em,
      `select t.id from user_tokens t join users u on u.id = t.user_id
        where t.token_hash = ? and t.used_at is null and t.expires_at > now() and u.status = 'active'`,
      [hash(token)],
    );
    if (!known) throw new BadRequestException(INVALID);
    await this.throttle.withdraw(booking);
    const problem = passwordProblem(password);
    if (problem) throw new BadRequestException(problem);
    const passwordHash = await this.hasher.hash(password);
    return this.em.transactional(async (em) => {
      const rows = await sql<{ id: string; user_id: string; purpose: UserTokenPurpose; email: string }>(
        em,
        `select t.id, t.user_id, t.purpose, u.email from user_tokens t join users u on u.id = t.user_id
          where t.token_hash = ? and t.used_at is null and t.expires_at > now() and u.status = 'active'
          for update of t`,
        [hash(token)],
      );
      const row = rows[0];
      if (!row) throw new BadRequestException(INVALID);
      await sql(em, 'update user_tokens set used_at = now() where id = ?', [row.id]);
      await sql(em, 'update users set password_hash = ?, updated_at = now() where id = ?', [
        passwordHash,
        row.user_id,
      ]);
      await this.sessions.revokeUser(em, row.user_id, 'password_set');
      await this.audit.record(
        {
          action: row.purpose === 'invitation' ? 'user.invitation.accepted' : 'user.password.reset',
          targetType: 'user',
          targetId: row.user_id,
          actor: { type: 'user', id: row.user_id, label: row.email },
        },
        em,
      );
      return { userId: row.user_id, email: row.email };
    });
  }
}
