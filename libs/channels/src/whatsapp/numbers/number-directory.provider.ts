import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { NumberDirectory, NumberFacts, sql } from '@switchboard/engine';

interface Row {
  id: string;
  department_id: string;
  display_phone_number: string;
}

const toFacts = (r: Row): NumberFacts => ({
  id: r.id,
  departmentId: r.department_id,
  displayPhoneNumber: r.display_phone_number,
});

/** The WhatsApp numbers table, read for the engine and pipelines (below channels) through the engine's port. */
@Injectable()
export class ChannelsNumberDirectory extends NumberDirectory {
  async describe(em: EntityManager, ids: readonly string[]): Promise<NumberFacts[]> {
    if (!ids.length) return [];
    const rows = await sql<Row>(
      em,
      'select id, department_id, display_phone_number from whatsapp_numbers where id = any(?::uuid[])',
      [[...ids]],
    );
    return rows.map(toFacts);
  }

  async ofDepartment(em: EntityManager, departmentId: string): Promise<NumberFacts[]> {
    const rows = await sql<Row>(
      em,
      'select id, department_id, display_phone_number from whatsapp_numbers where department_id = ?',
      [departmentId],
    );
    return rows.map(toFacts);
  }
}
