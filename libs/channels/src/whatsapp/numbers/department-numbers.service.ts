import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';
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
  constructor(private readonly em: EntityManager) {}

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
}
