import { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@switchboard/engine';

/** PostgreSQL NOTIFY channel told, on commit, when a session or API token stops being valid. */
export const REVOCATION_CHANNEL = 'switchboard_access_revoked';

/** Whose access ended: a user's sessions (sign-out, password change, disable) or one API token. */
export type RevocationNotice = { userId: string } | { apiTokenId: string };

/**
 * Tells listeners (open websockets) that access ended. Sent inside the revoking transaction: PostgreSQL delivers
 * it only when that commits, so a rolled-back revocation drops nothing.
 */
export async function noticeRevocation(em: EntityManager, notice: RevocationNotice): Promise<void> {
  await sql(em, 'select pg_notify(?, ?)', [REVOCATION_CHANNEL, JSON.stringify(notice)]);
}
