import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { TransferTargetsView } from '@switchboard/contracts';
import { ConversationQueryService } from '@switchboard/conversations';
import { sql } from '@switchboard/engine';
import { AccessScope } from '@switchboard/identity';
import { TransferDepartment, TransferDepartmentsQuery } from '@switchboard/pipelines';

interface NumberRow {
  id: string;
  display_phone_number: string;
  department_id: string;
}

/**
 * Where the caller may transfer conversations. Departments: every one not archived (a transfer hands the
 * conversation over, so agents need not work there), but a members-only one only for its members. Numbers: the
 * enabled, unarchived numbers of those departments that share a WhatsApp account with a number of the caller's own
 * departments (a customer's contact exists per account); with a conversation, that conversation's account only.
 */
@Injectable()
export class TransferTargetsService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
    private readonly departments: TransferDepartmentsQuery,
    private readonly conversations: ConversationQueryService,
  ) {}

  async list(conversationId?: string): Promise<TransferTargetsView> {
    const actor = this.scope.actor();
    const departments = (await this.departments.active()).filter(
      (d) => !d.membersOnly || actor.canIn('conversations.read', d.id),
    );
    const names = new Map(departments.map((d) => [d.id, d]));
    const numbers = await this.numbers(departments, conversationId);
    return {
      departments: departments.map((d) => ({ id: d.id, name: d.name })),
      numbers: numbers.map((n) => ({
        id: n.id,
        displayPhoneNumber: n.display_phone_number,
        department: { id: n.department_id, name: names.get(n.department_id)!.name },
      })),
    };
  }

  private async numbers(departments: TransferDepartment[], conversationId?: string): Promise<NumberRow[]> {
    if (conversationId) {
      // A filter, as on every list: a conversation the caller may not transfer leaves no numbers (and no hint).
      const conversation = await this.conversations.get(conversationId);
      const actor = this.scope.actor();
      if (!conversation || !actor.canIn('conversations.reply', conversation.department.id)) return [];
      return sql<NumberRow>(
        this.em,
        `select n.id, n.display_phone_number, n.department_id from whatsapp_numbers n
          where n.department_id = any(?::uuid[]) and n.disabled_at is null and n.archived_at is null
            and n.id <> ?
            and n.waba_id = (select waba_id from whatsapp_numbers where id = ?)
          order by n.display_phone_number, n.id`,
        [departments.map((d) => d.id), conversation.numberId, conversation.numberId],
      );
    }
    const own = this.scope.condition('conversations.reply', 'o.department_id');
    return sql<NumberRow>(
      this.em,
      `select n.id, n.display_phone_number, n.department_id from whatsapp_numbers n
        where n.department_id = any(?::uuid[]) and n.disabled_at is null and n.archived_at is null
          and n.waba_id in (select o.waba_id from whatsapp_numbers o where ${own.sql})
        order by n.display_phone_number, n.id`,
      [departments.map((d) => d.id), ...own.params],
    );
  }
}
