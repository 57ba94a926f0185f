import { Check, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';

export type AfterClosePolicy = 'reopen' | 'new';

/** A department's answer to "the customer wrote after we closed": reopen the conversation (within a window) or open a new one. */
@Entity({ tableName: 'conversation_policies' })
@Check({ name: 'conversation_policies_window_check', expression: `"reopen_window_minutes" > 0` })
export class ConversationPolicy {
  @PrimaryKey({ type: 'uuid' })
  departmentId!: string;

  @Enum({ items: ['reopen', 'new'], default: 'new' })
  onCustomerMessageAfterClose: AfterClosePolicy = 'new';

  @Property({ type: 'int', default: 1440 })
  reopenWindowMinutes: number = 1440;

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
