import { EntityManager } from '@mikro-orm/postgresql';
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { sql } from '@switchboard/engine';
import { AccessScope } from '@switchboard/identity';

export interface VisibleContact {
  id: string;
  wabaId: string;
  waId: string | null;
  /** The department of its latest conversation the actor may act in: where changes to it are audited. */
  departmentId: string | null;
}

/**
 * A contact as an actor may see it: through the departments of its conversations, like conversations themselves.
 * One with no conversation yet (or only in departments the actor cannot read) answers 404 unless the actor sees
 * every department; readable but not `permission` there answers 403.
 */
@Injectable()
export class ContactScope {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
  ) {}

  async visible(
    contactId: string,
    permission: 'conversations.read' | 'conversations.reply',
  ): Promise<VisibleContact> {
    const [contact] = await sql<{ id: string; waba_id: string; wa_id: string | null }>(
      this.em,
      'select id, waba_id, wa_id from contacts where id = ?',
      [contactId],
    );
    if (!contact) throw new NotFoundException(`contact ${contactId} not found`);
    const departments = (
      await sql<{ department_id: string }>(
        this.em,
        `select department_id from conversations where contact_id = ?
          group by department_id order by max(last_message_at) desc nulls last`,
        [contactId],
      )
    ).map((r) => r.department_id);
    const actor = this.scope.actor();
    const allowed = departments.find((d) => actor.canIn(permission, d));
    const view = { id: contact.id, wabaId: contact.waba_id, waId: contact.wa_id };
    if (allowed) return { ...view, departmentId: allowed };
    // No conversation yet (a stop may come first): only an actor of every department sees it.
    if (!departments.length && actor.departmentsWith(permission) === 'all')
      return { ...view, departmentId: null };
    if (departments.some((d) => actor.canIn('conversations.read', d)))
      throw new ForbiddenException(`your role does not allow ${permission} in this contact's department`);
    throw new NotFoundException(`contact ${contactId} not found`);
  }
}
