import { Injectable } from '@nestjs/common';
import { sql, uuidv7 } from '@switchboard/engine';
import { AccountChange } from './account-change';
import { isNumberField, isTemplateField } from './account-fields';
import { AccountStatusHandler } from './account-status.handler';
import { AppliedChange, ApplyContext } from './applied-change';
import { NumberEventsHandler } from './number-events.handler';
import { TemplateEventsHandler } from './template-events.handler';
import { UserPreferencesHandler } from './user-preferences.handler';

/**
 * Applies one account or template change inside the inbound-event transaction and records it once: the row is
 * written first, unique per delivery and path (a replay) and per content key (Meta's retry of the same change,
 * stored as another delivery), so either finds it and applies nothing again.
 */
@Injectable()
export class AccountEventsService {
  constructor(
    private readonly templates: TemplateEventsHandler,
    private readonly numbers: NumberEventsHandler,
    private readonly account: AccountStatusHandler,
    private readonly preferences: UserPreferencesHandler,
  ) {}

  /** 'duplicate' when this change was already recorded (by this delivery or an earlier one of it). */
  async apply(change: AccountChange, ctx: ApplyContext): Promise<AppliedChange | 'duplicate'> {
    const id = uuidv7();
    const claimed = await sql(
      ctx.em,
      `insert into whatsapp_account_events
              (id, inbound_event_id, path, content_key, field, waba_id, number_ids, outcome, occurred_at,
               received_at, detail)
       values (?, ?, ?, ?, ?, ?, ?::uuid[], 'applied', ?, ?, '{}'::jsonb)
       on conflict do nothing returning id`,
      [
        id,
        ctx.inboundEventId,
        change.path,
        change.contentKey,
        change.field,
        change.wabaId,
        change.numbers.map((n) => n.id),
        change.occurredAt,
        ctx.receivedAt,
      ],
    );
    if (!claimed.length) return 'duplicate';
    const applied = await this.dispatch(change, { ...ctx, accountEventId: id });
    await sql(
      ctx.em,
      'update whatsapp_account_events set outcome = ?, template_id = ?, detail = ?::jsonb where id = ?',
      [applied.outcome, applied.templateId ?? null, JSON.stringify(applied.detail), id],
    );
    return applied;
  }

  private dispatch(change: AccountChange, ctx: ApplyContext): Promise<AppliedChange> {
    if (isTemplateField(change.field)) return this.templates.apply(change, ctx);
    if (isNumberField(change.field)) return this.numbers.apply(change, ctx);
    if (change.field === 'user_preferences') return this.preferences.apply(change, ctx);
    return this.account.apply(change, ctx);
  }
}
