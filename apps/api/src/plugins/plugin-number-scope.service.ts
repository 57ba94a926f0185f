import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';
import { AccessScope } from '@switchboard/identity';

/**
 * Plugin installations belong to the department of their WhatsApp number, so `plugins.manage` applies within the
 * actor's departments only; members-only departments (HR) stay out of an admin's reach unless they are a member.
 */
@Injectable()
export class PluginNumberScope {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
  ) {}

  /**
   * 404 for a number that does not exist or is outside the actor's departments (the two look the same); else the
   * number's department.
   */
  async assertNumber(numberId: string): Promise<string> {
    const [row] = await sql<{ department_id: string }>(
      this.em,
      'select department_id from whatsapp_numbers where id = ?',
      [numberId],
    );
    this.scope.assertIn('plugins.manage', row?.department_id ?? null, `number ${numberId}`);
    return row.department_id;
  }

  /** The numbers whose plugins the actor may see and change. */
  async numbers(): Promise<Set<string>> {
    const within = this.scope.condition('plugins.manage', 'department_id');
    const rows = await sql<{ id: string }>(
      this.em,
      `select id from whatsapp_numbers where ${within.sql}`,
      within.params,
    );
    return new Set(rows.map((r) => r.id));
  }
}
