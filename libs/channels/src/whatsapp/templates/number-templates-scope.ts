import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';
import { AccessScope } from '@switchboard/identity';

/**
 * The WABA whose templates a number's routes show: seen as the number is, through its department (a members-only
 * department the actor holds no role in answers 404, like an id that does not exist).
 */
@Injectable()
export class NumberTemplatesScope {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
  ) {}

  async visibleWaba(numberId: string): Promise<string> {
    return (await this.visibleNumber(numberId)).wabaId;
  }

  /** The number's WABA and department, once the actor may see the number. */
  async visibleNumber(numberId: string): Promise<{ wabaId: string; departmentId: string }> {
    const [row] = await sql<{ waba_id: string; department_id: string }>(
      this.em,
      'select waba_id, department_id from whatsapp_numbers where id = ?',
      [numberId],
    );
    this.scope.assertIn('conversations.read', row?.department_id ?? null, `number ${numberId}`);
    return { wabaId: row.waba_id, departmentId: row.department_id };
  }
}
