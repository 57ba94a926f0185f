import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

/**
 * A customer as one WhatsApp Business Account (WABA) knows them. WhatsApp identifies users by phone-derived
 * wa_id and, since 2026, by a business-scoped user id (BSUID); either may be missing, so both are optional and
 * each is unique per WABA when present (partial unique indexes). Scoped per WABA so that what one app reports
 * (a profile name, a changed number) never rewrites the contact another WABA's conversations reply to.
 */
@Entity({ tableName: 'contacts' })
@Index({
  name: 'contacts_waba_wa_id_unique',
  expression:
    'create unique index "contacts_waba_wa_id_unique" on "contacts" ("waba_id", "wa_id") where "wa_id" is not null',
})
@Index({
  name: 'contacts_waba_bsuid_unique',
  expression:
    'create unique index "contacts_waba_bsuid_unique" on "contacts" ("waba_id", "bsuid") where "bsuid" is not null',
})
export class Contact {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  /** The WhatsApp Business Account whose numbers this customer wrote to. */
  @Property({ type: 'text' })
  wabaId!: string;

  @Property({ type: 'text', nullable: true })
  waId?: string | null;

  @Property({ type: 'text', nullable: true })
  bsuid?: string | null;

  @Property({ type: 'text', nullable: true })
  profileName?: string | null;

  @Property({ type: 'text', nullable: true })
  username?: string | null;

  /** Custom attributes (string, number or boolean values) that routing rules can test. */
  @Property({ type: 'jsonb', defaultRaw: `'{}'` })
  attributes: Record<string, string | number | boolean> = {};

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
