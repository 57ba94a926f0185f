import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';
import { AccessScope, type ScopedPermission } from '@switchboard/identity';
import type { NumberHealth } from '../entities/whatsapp-number.entity';

/** A number as a department listing shows it: never its secrets. */
export interface DepartmentNumber {
  id: string;
  departmentId: string;
  displayPhoneNumber: string;
  phoneNumberId: string;
  health: NumberHealth;
}

/** Which WhatsApp numbers are bound to which departments: read for others (the departments API) that own no numbers. */
@Injectable()
export class DepartmentNumbers {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
  ) {}

  /** The numbers of these departments, oldest first; on `em`'s transaction when given. */
  async of(departmentIds: readonly string[], em: EntityManager = this.em): Promise<DepartmentNumber[]> {
    if (!departmentIds.length) return [];
    return sql<DepartmentNumber>(
      em,
      `select id, department_id as "departmentId", display_phone_number as "displayPhoneNumber",
              phone_number_id as "phoneNumberId", health
         from whatsapp_numbers where department_id = any(?::uuid[]) order by created_at, id`,
      [departmentIds],
    );
  }

  /** The department a number is bound to; null for an unknown number. */
  async departmentOf(numberId: string, em: EntityManager = this.em): Promise<string | null> {
    const [row] = await sql<{ department_id: string }>(
      em,
      'select department_id from whatsapp_numbers where id = ?',
      [numberId],
    );
    return row?.department_id ?? null;
  }

  /** The ids of the numbers in the departments where the caller holds `permission`. */
  async idsWith(permission: ScopedPermission): Promise<string[]> {
    const within = this.scope.condition(permission, 'department_id');
    const rows = await sql<{ id: string }>(
      this.em,
      `select id from whatsapp_numbers where ${within.sql}`,
      within.params,
    );
    return rows.map((r) => r.id);
  }
}
