import { EntityManager } from '@mikro-orm/postgresql';
import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { NumberTransferView, TransferToNumberRequest } from '@switchboard/contracts';
import {
  ConversationOwnershipService,
  ConversationQueryService,
  NumberHandoverService,
  OwnershipActor,
  OwnershipState,
} from '@switchboard/conversations';
import { DepartmentDirectory, sql } from '@switchboard/engine';
import { AccessScope, AuditLog } from '@switchboard/identity';

interface NumberRow {
  id: string;
  waba_id: string;
  department_id: string;
  disabled_at: Date | null;
  archived_at: Date | null;
}

const refused = (code: string, message: string) =>
  new UnprocessableEntityException({ statusCode: 422, error: 'Unprocessable Entity', code, message });

/**
 * "Transfer to another number": the conversation continues from another number of the same WhatsApp account
 * (see NumberHandoverService for what happens to the two conversations). Who may: whoever may transfer it to another
 * department (its owner, anyone while unowned, a supervisor). The target must be an enabled, unarchived number the
 * caller can see, of the same account; audited in the original's department.
 */
@Injectable()
export class NumberTransferService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
    private readonly query: ConversationQueryService,
    private readonly ownership: ConversationOwnershipService,
    private readonly handover: NumberHandoverService,
    private readonly departments: DepartmentDirectory,
    private readonly audit: AuditLog,
  ) {}

  async transfer(id: string, body: TransferToNumberRequest): Promise<NumberTransferView> {
    const conversation = await this.query.get(id);
    this.scope.assertIn('conversations.reply', conversation?.department.id ?? null, `conversation ${id}`);
    const actor = this.scope.actor();
    const by: OwnershipActor = { type: actor.type, id: actor.id, label: actor.label };
    return this.em.fork().transactional(async (em) => {
      const current = await this.ownership.mustLock(em, id);
      this.assertMayChange(current);
      const target = await this.target(em, current, body.numberId);
      const result = await this.handover.continueOn(
        em,
        current,
        { numberId: target.id, departmentId: target.department_id },
        by,
        body.note,
      );
      await this.audit.record(
        {
          action: 'conversation.transferred_to_number',
          targetType: 'conversation',
          targetId: id,
          departmentId: current.departmentId,
          details: {
            fromNumberId: current.numberId,
            toNumberId: target.id,
            toDepartmentId: target.department_id,
            toConversationId: result.conversationId,
            ...(body.note ? { note: body.note } : {}),
          },
        },
        em,
      );
      return {
        fromConversationId: id,
        conversationId: result.conversationId,
        numberId: target.id,
        departmentId: target.department_id,
        windowOpen: result.windowOpen,
      };
    });
  }

  /** As a department transfer: the department checked again under the lock, and only its owner or a supervisor. */
  private assertMayChange(current: OwnershipState): void {
    const id = current.conversationId;
    this.scope.assertIn('conversations.reply', current.departmentId, `conversation ${id}`);
    const actor = this.scope.actor();
    if (!current.ownerUserId || (actor.type === 'user' && current.ownerUserId === actor.id)) return;
    if (actor.canIn('conversations.assign', current.departmentId)) return;
    throw new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      code: 'not_owner',
      ownerUserId: current.ownerUserId,
      message: `conversation ${id} is owned by user ${current.ownerUserId}: only its owner or a supervisor may transfer it`,
    });
  }

  private async target(em: EntityManager, current: OwnershipState, numberId: string): Promise<NumberRow> {
    const rows = await sql<NumberRow>(
      em,
      'select id, waba_id, department_id, disabled_at, archived_at from whatsapp_numbers where id = any(?::uuid[])',
      [[numberId, current.numberId]],
    );
    const target = rows.find((r) => r.id === numberId);
    const source = rows.find((r) => r.id === current.numberId);
    // A members-only department's numbers are not there for those outside it, as everywhere else.
    const [department] = target ? await this.departments.describe(em, [target.department_id]) : [];
    const visible =
      department &&
      (!department.membersOnly || this.scope.actor().canIn('conversations.read', department.id));
    if (!target || !visible) throw refused('unknown_number', `numberId: number ${numberId} does not exist`);
    if (!source || source.waba_id !== target.waba_id)
      throw refused(
        'other_account',
        `numberId: number ${numberId} belongs to another WhatsApp Business Account; the customer's conversation can only continue from a number of the same account`,
      );
    if (target.archived_at) throw refused('number_archived', `numberId: number ${numberId} is archived`);
    if (target.disabled_at)
      throw refused('number_disabled', `numberId: number ${numberId} is disabled: enable it first`);
    return target;
  }
}
