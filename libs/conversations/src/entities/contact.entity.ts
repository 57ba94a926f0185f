import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

/**
 * A customer. WhatsApp identifies users by phone-derived wa_id and, since 2026, by a business-scoped
 * user id (BSUID); either may be missing, so both are optional and each is unique when present
 * (partial unique indexes).
 */
@Entity({ tableName: 'contacts' })
@Index({
  name: 'contacts_wa_id_unique',
  expression: 'create unique index "contacts_wa_id_unique" on "contacts" ("wa_id") where "wa_id" is not null',
})
@Index({
  name: 'contacts_bsuid_unique',
  expression: 'create unique index "contacts_bsuid_unique" on "contacts" ("bsuid") where "bsuid" is not null',
})
export class Contact {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'text', nullable: true })
  waId?: string | null;

  @Property({ type: 'text', nullable: true })
  bsuid?: string | null;

  @Property({ type: 'text', nullable: true })
  profileName?: string | null;

  @Property({ type: 'text', nullable: true })
  username?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
