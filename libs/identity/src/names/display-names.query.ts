import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';
import { AccessScope } from '../access/access-scope.service';

/**
 * Display names of users and teams by id, for libraries above identity (reporting's rows) that must not read its
 * tables. Unknown ids are left out of the maps; so are teams of departments the caller cannot read.
 */
@Injectable()
export class DisplayNamesQuery {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
  ) {}

  /**
   * A user's display name (the e-mail when the name is empty), as conversations name their owner. Not scoped by
   * department: a user has none, and the caller only asks for people who acted in rows it may already read.
   */
  async users(ids: readonly string[], em: EntityManager = this.em): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await sql<{ id: string; name: string }>(
      em,
      `select id, coalesce(nullif(name, ''), email) as name from users where id = any(?::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Team names, only of teams in departments where the caller reads conversations. */
  async teams(ids: readonly string[], em: EntityManager = this.em): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const within = this.scope.condition('conversations.read', 'department_id');
    const rows = await sql<{ id: string; name: string }>(
      em,
      `select id, name from teams where id = any(?::uuid[]) and ${within.sql}`,
      [ids, ...within.params],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
