import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';
import { AccessScope } from '@switchboard/identity';

/**
 * Department names by id, for libraries above pipelines (reporting's rows) that must not read its tables. Only
 * departments where the caller reads conversations are named; unknown and unreadable ids are left out.
 */
@Injectable()
export class DepartmentNamesQuery {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
  ) {}

  async of(ids: readonly string[], em: EntityManager = this.em): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const within = this.scope.condition('conversations.read', 'id');
    const rows = await sql<{ id: string; name: string }>(
      em,
      `select id, name from departments where id = any(?::uuid[]) and ${within.sql}`,
      [ids, ...within.params],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
