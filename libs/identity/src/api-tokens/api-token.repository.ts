import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ScopeCondition } from '../access/access-scope.service';
import { sql } from '@switchboard/engine';
import { noticeRevocation } from '../auth/revocation-notice';

export interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  permissions: string[];
  department_ids: string[] | null;
  created_by: string | null;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS =
  'id, name, prefix, permissions, department_ids, created_by, created_at, expires_at, last_used_at, revoked_at';

@Injectable()
export class ApiTokenRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(
    em: EntityManager,
    t: {
      id: string;
      name: string;
      prefix: string;
      tokenHash: string;
      permissions: string[];
      departmentIds: string[] | null;
      createdBy: string | null;
      expiresAt: Date | null;
    },
  ): Promise<void> {
    await sql(
      em,
      `insert into api_tokens (id, name, prefix, token_hash, permissions, department_ids, created_by, created_at, expires_at)
       values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, now(), ?)`,
      [
        t.id,
        t.name,
        t.prefix,
        t.tokenHash,
        JSON.stringify(t.permissions),
        t.departmentIds ? JSON.stringify(t.departmentIds) : null,
        t.createdBy,
        t.expiresAt,
      ],
    );
  }

  /**
   * A usable token: not revoked, not expired, and its creator (when a person) still active, so disabling a user
   * ends their tokens too.
   */
  async live(tokenHash: string): Promise<ApiTokenRow | null> {
    return (
      (
        await sql<ApiTokenRow>(
          this.em,
          `select ${COLUMNS} from api_tokens where token_hash = ? and revoked_at is null and (expires_at is null or expires_at > now())
             and (created_by is null or exists (select 1 from users u where u.id = created_by and u.status = 'active'))`,
          [tokenHash],
          'switchboard_live_api_token',
        )
      )[0] ?? null
    );
  }

  /** Records use at most once a minute per token; true when it did (so the use is audited at that rate too). */
  async touch(id: string): Promise<boolean> {
    const rows = await sql<{ id: string }>(
      this.em,
      `update api_tokens set last_used_at = now()
        where id = ? and (last_used_at is null or last_used_at < now() - interval '1 minute') returning id`,
      [id],
    );
    return rows.length > 0;
  }

  list(within: ScopeCondition): Promise<ApiTokenRow[]> {
    return sql<ApiTokenRow>(
      this.em,
      `select ${COLUMNS} from api_tokens where ${within.sql} order by created_at desc`,
      within.params,
    );
  }

  /** `within` limits it to tokens the caller may see; without it, any token. */
  async byId(id: string, within?: ScopeCondition): Promise<ApiTokenRow | null> {
    const scope = within ?? { sql: 'true', params: [] };
    return (
      (
        await sql<ApiTokenRow>(this.em, `select ${COLUMNS} from api_tokens where id = ? and ${scope.sql}`, [
          id,
          ...scope.params,
        ])
      )[0] ?? null
    );
  }

  async revoke(em: EntityManager, id: string): Promise<boolean> {
    const rows = await sql<{ id: string }>(
      em,
      'update api_tokens set revoked_at = now() where id = ? and revoked_at is null returning id',
      [id],
    );
    if (rows.length > 0) await noticeRevocation(em, { apiTokenId: id });
    return rows.length > 0;
  }
}
