import { EntityManager } from '@mikro-orm/postgresql';
import { ForbiddenException, Injectable } from '@nestjs/common';
import type { ContactAttributes, ContactAttributesView } from '@switchboard/contracts';
import { sql } from '@switchboard/engine';
import { AccessScope } from '@switchboard/identity';
import { ContactScope } from '../query/contact-scope.service';

/**
 * A contact's custom attributes (plan: "gold", vip: true…), which routing rules test. Visible and editable as the
 * contact is: through the departments of its conversations.
 */
@Injectable()
export class ContactAttributesService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: ContactScope,
    private readonly access: AccessScope,
  ) {}

  async get(contactId: string): Promise<ContactAttributesView> {
    await this.scope.visible(contactId, 'conversations.read');
    return { contactId, attributes: await this.read(this.em, contactId) };
  }

  /** Replaces the whole set (the request schema bounds keys, values and size). */
  async set(contactId: string, attributes: ContactAttributes): Promise<ContactAttributesView> {
    await this.scope.visible(contactId, 'conversations.reply');
    await this.assertEveryDepartment(contactId);
    await sql(this.em, 'update contacts set attributes = ?::jsonb, updated_at = now() where id = ?', [
      JSON.stringify(attributes),
      contactId,
    ]);
    return { contactId, attributes };
  }

  /**
   * Attributes steer routing in every department the contact writes to: changing them needs, in each department
   * of its conversations, the right to answer them or to manage routing there (403).
   */
  private async assertEveryDepartment(contactId: string): Promise<void> {
    const actor = this.access.actor();
    const departments = await sql<{ department_id: string }>(
      this.em,
      'select distinct department_id from conversations where contact_id = ?',
      [contactId],
    );
    const refused = departments.find(
      (d) =>
        !actor.canIn('conversations.reply', d.department_id) &&
        !actor.canIn('routing.manage', d.department_id),
    );
    if (refused)
      throw new ForbiddenException(
        `contact ${contactId} also has conversations in a department where your role allows neither conversations.reply nor routing.manage: its attributes steer routing there`,
      );
  }

  private async read(em: EntityManager, contactId: string): Promise<ContactAttributes> {
    const [row] = await sql<{ attributes: ContactAttributes }>(
      em,
      'select attributes from contacts where id = ?',
      [contactId],
    );
    return row?.attributes ?? {};
  }
}
