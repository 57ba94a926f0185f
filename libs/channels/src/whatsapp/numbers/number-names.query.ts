import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';
import { AccessScope } from '@switchboard/identity';

/**
 * Numbers' names by id for libraries above channels (reporting's rows): the display phone number, followed by the
 * verified name in parentheses once a connection test or Meta's review set one. Only numbers now bound to a department
 * where the caller reads conversations are named (a number moved away keeps just its id); never their secrets.
 */
@Injectable()
export class NumberNamesQuery {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
  ) {}

  async of(ids: readonly string[], em: EntityManager = this.em): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const within = this.scope.condition('conversations.read', 'department_id');
    const rows = await sql<{ id: string; display: string; verified: string | null }>(
      em,
      `select id, display_phone_number as display, nullif(verified_name, '') as verified
         from whatsapp_numbers where id = any(?::uuid[]) and ${within.sql}`,
      [ids, ...within.params],
    );
    return new Map(rows.map((r) => [r.id, r.verified ? `${r.display} (${r.verified})` : r.display]));
  }
}
