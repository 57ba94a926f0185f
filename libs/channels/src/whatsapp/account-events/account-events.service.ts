import { Injectable } from '@nestjs/common';
import { sql, uuidv7 } from '@switchboard/engine';
import { AccountChange, isTemplateField } from './account-change';
import { AccountStatusHandler } from './account-status.handler';
import { AppliedChange, ApplyContext } from './applied-change';
import { NumberEventsHandler } from './number-events.handler';
import { TemplateEventsHandler } from './template-events.handler';
import { UserPreferencesHandler } from './user-preferences.handler';

/**
 * Applies one account or template change inside the inbound-event transaction and records it, once per delivery
 * and path: the row is written first, so a replayed delivery finds it and applies nothing again.
 */
@Injectable()
export class AccountEventsService {
  constructor(
    private readonly templates: TemplateEventsHandler,
    private readonly numbers: NumberEventsHandler,
    private readonly account: AccountStatusHandler,
    private readonly preferences: UserPreferencesHandler,
  ) {}

  /** 'duplicate' when this delivery's change was already recorded. */
  async apply(change: AccountChange, ctx: ApplyContext): Promise<AppliedChange | 'duplicate'> {
    const id = uuidv7();
    const claimed = await sql(
      ctx.em,
      `insert into whatsapp_account_events
              (id, inbound_event_id, path, field, waba_id, number_ids, outcome, occurred_at, received_at, detail)
       values (?, ?, ?, ?, ?, ?::uuid[], 'applied', ?, ?, '{}'::jsonb)
       on conflict (inbound_event_id, path) do nothing returning id`,
      [
        id,
        ctx.inboundEventId,
        change.path,
        change.field,
        change.wabaId,
        change.numbers.map((n) => n.id),
        change.occurredAt,
        ctx.receivedAt,
      ],
    );
    if (!claimed.length) return 'duplicate';
    const applied = await this.dispatch(change, ctx);
    await sql(
      ctx.em,
      'update whatsapp_account_events set outcome = ?, template_id = ?, detail = ?::jsonb where id = ?',
      [applied.outcome, applied.templateId ?? null, JSON.stringify(applied.detail), id],
    );
    return applied;
  }

  private dispatch(change: AccountChange, ctx: ApplyContext): Promise<AppliedChange> {
    if (isTemplateField(change.field)) return this.templates.apply(change, ctx);
    switch (change.field) {
      case 'phone_number_quality_update':
      case 'phone_number_name_update':
        return this.numbers.apply(change, ctx);
      case 'user_preferences':
        return this.preferences.apply(change, ctx);
      default:
        return this.account.apply(change, ctx);
    }
  }
}
