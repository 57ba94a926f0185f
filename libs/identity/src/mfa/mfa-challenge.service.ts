import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql, uuidv7 } from '@switchboard/engine';
import { hashOpaqueToken, newOpaqueToken } from '../auth/opaque-token';

const TTL_SECONDS = 300;

/**
 * The challenge between a passed password step and its second factor: an opaque token, stored as a hash, valid for
 * five minutes and spent by the first code presented with it, right or wrong.
 */
@Injectable()
export class MfaChallengeService {
  constructor(private readonly em: EntityManager) {}

  async issue(userId: string): Promise<string> {
    const token = newOpaqueToken();
    // Spent and expired challenges are of no use to anyone: each new one sweeps its user's.
    await sql(
      this.em,
      'delete from mfa_challenges where user_id = ? and (used_at is not null or expires_at < now())',
      [userId],
    );
    await sql(
      this.em,
      `insert into mfa_challenges (id, user_id, token_hash, created_at, expires_at)
       values (?, ?, ?, now(), now() + make_interval(secs => ?))`,
      [uuidv7(), userId, hashOpaqueToken(token), TTL_SECONDS],
    );
    return token;
  }

  /** The user of a live, unspent challenge, without spending it (to describe what the step needs). */
  async peek(token: string): Promise<string | null> {
    const rows = await sql<{ user_id: string }>(
      this.em,
      'select user_id from mfa_challenges where token_hash = ? and used_at is null and expires_at > now()',
      [hashOpaqueToken(token)],
    );
    return rows[0]?.user_id ?? null;
  }

  /** Spends a live challenge in one statement, so two uses racing each other cannot both get its user. */
  async spend(token: string): Promise<string | null> {
    const rows = await sql<{ user_id: string }>(
      this.em,
      `update mfa_challenges set used_at = now()
        where token_hash = ? and used_at is null and expires_at > now() returning user_id`,
      [hashOpaqueToken(token)],
    );
    return rows[0]?.user_id ?? null;
  }
}
