import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ContactAttributes, ContactAttributesView } from '@switchboard/contracts';
import { sql } from '@switchboard/engine';
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
  ) {}

  async get(contactId: string): Promise<ContactAttributesView> {
    await this.scope.visible(contactId, 'conversations.read');
    return { contactId, attributes: await this.read(this.em, contactId) };
  }

  /** Replaces the whole set (the request schema bounds keys, values and size). */
  async set(contactId: string, attributes: ContactAttributes): Promise<ContactAttributesView> {
    await this.scope.visible(contactId, 'conversations.reply');
    await sql(this.em, 'update contacts set attributes = ?::jsonb, updated_at = now() where id = ?', [
      JSON.stringify(attributes),
      contactId,
    ]);
    return { contactId, attributes };
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
