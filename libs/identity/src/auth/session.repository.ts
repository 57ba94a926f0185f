import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';
import { noticeRevocation } from './revocation-notice';

export interface SessionRow {
  id: string;
  user_id: string;
  family_id: string;
  expires_at: Date;
  rotated_at: Date | null;
  revoked_at: Date | null;
}

/** Refresh-token sessions. Tokens are looked up by their sha256 only. */
@Injectable()
export class SessionRepository {
  async insert(
    em: EntityManager,
    s: {
      id: string;
      userId: string;
      familyId: string;
      tokenHash: string;
      expiresAt: Date;
      ip: string | null;
      userAgent: string | null;
    },
  ): Promise<void> {
    await sql(
      em,
      `insert into sessions (id, user_id, family_id, token_hash, created_at, expires_at, ip, user_agent)
       values (?, ?, ?, ?, now(), ?, ?, ?)`,
      [s.id, s.userId, s.familyId, s.tokenHash, s.expiresAt, s.ip, s.userAgent],
    );
  }

  /** The session without locking it: a refresh reads whose it is, to lock the user first (see `lockUser`). */
  async byTokenHash(em: EntityManager, tokenHash: string): Promise<SessionRow | null> {
    return (await sql<SessionRow>(em, 'select * from sessions where token_hash = ?', [tokenHash]))[0] ?? null;
  }

  /**
   * Orders session changes of one user: a refresh holds the user row `for share` while it inserts the rotated
   * session, a revocation holds it `for update` while it revokes. Without it a revocation's single UPDATE cannot see a
   * session a refresh in flight inserts after the statement began, and the attacker's newest token would survive
   * "sign out everywhere". Always taken before any session row lock, so the two never deadlock.
   */
  async lockUser(em: EntityManager, userId: string, mode: 'share' | 'update'): Promise<void> {
    await sql(em, `select 1 from users where id = ? for ${mode === 'share' ? 'share' : 'update'}`, [userId]);
  }

  /** Locks the row: two concurrent refreshes with one token cannot both rotate it. */
  async byTokenHashForUpdate(em: EntityManager, tokenHash: string): Promise<SessionRow | null> {
    return (
      (await sql<SessionRow>(em, 'select * from sessions where token_hash = ? for update', [tokenHash]))[0] ??
      null
    );
  }

  async markRotated(em: EntityManager, id: string): Promise<void> {
    await sql(em, 'update sessions set rotated_at = now() where id = ?', [id]);
  }

  async revokeFamily(em: EntityManager, familyId: string, reason: string): Promise<void> {
    const rows = await sql<{ user_id: string }>(
      em,
      'update sessions set revoked_at = now(), revoked_reason = ? where family_id = ? and revoked_at is null returning user_id',
      [reason, familyId],
    );
    for (const userId of new Set(rows.map((r) => r.user_id))) await noticeRevocation(em, { userId });
  }

  /**
   * Revokes every session of a user except the login `keepSessionId` belongs to (its whole family: the refresh
   * cookie of this browser rotates within it). Sockets of the kept login survive the notice's re-check. Returns how
   * many other logins were live (a login's rotated tokens are rows of it, not logins of their own).
   */
  async revokeOthers(
    em: EntityManager,
    userId: string,
    keepSessionId: string,
    reason: string,
  ): Promise<number> {
    await this.lockUser(em, userId, 'update');
    const rows = await sql<{ family_id: string; live: boolean }>(
      em,
      `update sessions set revoked_at = now(), revoked_reason = ?
        where user_id = ? and revoked_at is null
          and family_id <> (select family_id from sessions where id = ? and user_id = ?)
        returning family_id, (rotated_at is null and expires_at > now()) as live`,
      [reason, userId, keepSessionId, userId],
    );
    if (rows.length) await noticeRevocation(em, { userId });
    return new Set(rows.filter((r) => r.live).map((r) => r.family_id)).size;
  }

  async revokeUser(em: EntityManager, userId: string, reason: string): Promise<number> {
    await this.lockUser(em, userId, 'update');
    const rows = await sql<{ id: string }>(
      em,
      'update sessions set revoked_at = now(), revoked_reason = ? where user_id = ? and revoked_at is null returning id',
      [reason, userId],
    );
    // Also when no session was live: a disabled creator's API tokens end too.
    await noticeRevocation(em, { userId });
    return rows.length;
  }
}
