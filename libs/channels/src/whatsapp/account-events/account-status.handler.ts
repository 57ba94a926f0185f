import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';
import { NumberAlertsService } from '../alerts/number-alerts.service';
import type { NumberEventKind } from '../entities/number-event.entity';
import { NumberHistory } from '../numbers/number-history.service';
import { record, str } from '../json-value';
import { AccountChange } from './account-change';
import { accountStanding } from './account-standing';
import { AppliedChange, ApplyContext, effectiveTime } from './applied-change';
import { messagingTier } from './messaging-tier';

const KIND: Record<string, NumberEventKind> = {
  account_update: 'account_update',
  account_alerts: 'account_alert',
  business_capability_update: 'capability_changed',
  security: 'security',
};

/**
 * account_update (bans, restrictions, violations, partner events…), account_alerts, business_capability_update and
 * security: recorded on the history of every number they act on (the WABA's, or the one they name), Meta's payload
 * kept as sent. business_capability_update's messaging limit becomes the numbers' tier. Bans, restrictions and
 * warning alerts raise an `account` alert on each number (a reinstatement resolves it): see accountStanding.
 */
@Injectable()
export class AccountStatusHandler {
  constructor(
    private readonly history: NumberHistory,
    private readonly alerts: NumberAlertsService,
  ) {}

  async apply(change: AccountChange, ctx: ApplyContext): Promise<AppliedChange> {
    const v = change.value;
    const occurredAt = effectiveTime(change, ctx).toISOString();
    const event =
      str(v.event) ??
      str(record(v.alert_info)?.alert_type) ??
      (change.field === 'business_capability_update' ? 'CAPABILITY_UPDATE' : null);
    const tier = change.field === 'business_capability_update' ? messagingTier(v) : null;
    const tiers: Record<string, unknown>[] = [];
    if (tier) {
      const rows = await sql<{ id: string; previous: string | null }>(
        ctx.em,
        `update whatsapp_numbers n set messaging_limit_tier = ?, updated_at = now()
           from (select id, messaging_limit_tier as previous from whatsapp_numbers where id = any(?::uuid[]) order by id for no key update) o
          where n.id = o.id returning n.id, o.previous`,
        [tier, change.numbers.map((n) => n.id)],
      );
      tiers.push(
        ...rows.map((r) => ({
          numberId: r.id,
          messagingLimitTier: tier,
          previousMessagingLimitTier: r.previous,
        })),
      );
    }
    for (const n of change.numbers) {
      const previous = tiers.find((t) => t.numberId === n.id);
      await this.history.record(ctx.em, n.id, KIND[change.field], {
        metaEvent: event,
        wabaId: change.wabaId,
        ...(previous
          ? { messagingLimitTier: tier, previousMessagingLimitTier: previous.previousMessagingLimitTier }
          : {}),
        value: v,
        occurredAt,
      });
    }
    const standing = accountStanding(change);
    if (standing) await this.alert(change, ctx, standing);
    return {
      outcome: 'applied',
      detail: {
        event,
        ...(tier ? { messagingLimitTier: tier, numbers: tiers } : {}),
        ...(standing ? { alert: 'raise' in standing ? 'raised' : 'resolved' } : {}),
      },
    };
  }

  private async alert(
    change: AccountChange,
    ctx: ApplyContext,
    standing: NonNullable<ReturnType<typeof accountStanding>>,
  ): Promise<void> {
    const rows = await sql<{ id: string; department_id: string }>(
      ctx.em,
      'select id, department_id from whatsapp_numbers where id = any(?::uuid[]) order by id',
      [change.numbers.map((n) => n.id)],
    );
    const occurredAt = effectiveTime(change, ctx).toISOString();
    for (const n of rows) {
      if ('raise' in standing)
        await this.alerts.raise(ctx.em, n.id, n.department_id, 'account', {
          ...standing.raise,
          wabaId: change.wabaId,
          occurredAt,
        });
      else await this.alerts.resolve(ctx.em, n.id, 'account', { ...standing.resolve, occurredAt });
    }
  }
}
