import { Injectable } from '@nestjs/common';
import { OutboxService, QUEUES, sql } from '@switchboard/engine';
import { NumberHistory } from '../numbers/number-history.service';
import { str } from '../json-value';
import { AccountChange } from './account-change';
import { AppliedChange, ApplyContext, effectiveTime } from './applied-change';
import { messagingTier } from './messaging-tier';

interface NumberRow {
  id: string;
  quality_rating: string | null;
  messaging_limit_tier: string | null;
  name_status: string | null;
  verified_name: string | null;
}

/**
 * Events that say the rating moved without saying to what: Meta's phone_number_quality_update reference sends no
 * rating, and describes FLAGGED only as "if this number continues to receive negative feedback, its messaging
 * quality will decline" (and UNFLAGGED as eligible for a higher limit) - neither means RED or GREEN. So the rating
 * becomes unknown and is re-read from Graph (GET /{phone-number-id}?fields=quality_rating,...) after this commit.
 * Other events (UPGRADE, DOWNGRADE, ONBOARDING, THROUGHPUT_UPGRADE) leave the rating as it was.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/phone_number_quality_update
 */
const RATING_UNKNOWN_AFTER = new Set(['FLAGGED', 'UNFLAGGED']);

/** phone_number_name_update's decision as Graph's name_status reports it afterwards. */
const NAME_STATUS_OF_DECISION: Record<string, string> = {
  APPROVED: 'APPROVED',
  REJECTED: 'DECLINED',
  DECLINED: 'DECLINED',
  PENDING: 'PENDING_REVIEW',
  DEFERRED: 'PENDING_REVIEW',
};

/**
 * phone_number_quality_update and phone_number_name_update: the number's own fields, plus its history. A change
 * older than the last one applied to the number (same field) arrives late: it is recorded `stale`, not applied.
 */
@Injectable()
export class NumberEventsHandler {
  constructor(
    private readonly history: NumberHistory,
    private readonly outbox: OutboxService,
  ) {}

  async apply(change: AccountChange, ctx: ApplyContext): Promise<AppliedChange> {
    const at = effectiveTime(change, ctx);
    // Not `for update`: intake already holds these rows `for key share`, and two batches each holding that and
    // asking for `for update` would deadlock; `for no key update` still serialises changes to the number.
    const rows = await sql<NumberRow>(
      ctx.em,
      `select id, quality_rating, messaging_limit_tier, name_status, verified_name from whatsapp_numbers
        where id = any(?::uuid[]) order by id for no key update`,
      [change.numbers.map((n) => n.id)],
    );
    const newer = await this.newerApplied(change, ctx, at);
    const v = change.value;
    const event = str(v.event) ?? str(v.decision) ?? null;
    const perNumber: Record<string, unknown>[] = [];
    for (const n of rows) {
      if (newer.has(n.id)) {
        perNumber.push({ numberId: n.id, outcome: 'stale', occurredAt: at.toISOString() });
        continue;
      }
      if (change.field === 'phone_number_quality_update') {
        const reread = !str(v.quality_rating) && event !== null && RATING_UNKNOWN_AFTER.has(event);
        const qualityRating = str(v.quality_rating) ?? (reread ? null : n.quality_rating);
        if (reread)
          ctx.jobs.push(
            await this.outbox.stage(ctx.em, QUEUES.graphRereads, { kind: 'number_fields', numberId: n.id }),
          );
        // On THROUGHPUT_UPGRADE current_limit names the throughput, not the messaging limit.
        const throughputUpgrade = event === 'THROUGHPUT_UPGRADE';
        const tier =
          messagingTier(throughputUpgrade ? { ...v, current_limit: undefined } : v) ?? n.messaging_limit_tier;
        await sql(
          ctx.em,
          `update whatsapp_numbers set quality_rating = ?, messaging_limit_tier = ?, updated_at = now(),
                  throughput_level = case when ? then 'HIGH' else throughput_level end
            where id = ?`,
          [qualityRating, tier, throughputUpgrade, n.id],
        );
        // Read by the number-health view: keep this kind and detail shape.
        const detail = {
          metaEvent: event,
          qualityRating,
          previousQualityRating: n.quality_rating,
          messagingLimitTier: tier,
          previousMessagingLimitTier: n.messaging_limit_tier,
          occurredAt: at.toISOString(),
        };
        await this.history.record(ctx.em, n.id, 'quality_changed', detail);
        perNumber.push({ numberId: n.id, ...detail });
      } else {
        const decision = str(v.decision) ?? null;
        const nameStatus = (decision && NAME_STATUS_OF_DECISION[decision]) ?? n.name_status;
        const requested = str(v.requested_verified_name) ?? null;
        const verifiedName = decision === 'APPROVED' && requested ? requested : n.verified_name;
        await sql(
          ctx.em,
          'update whatsapp_numbers set name_status = ?, verified_name = ?, updated_at = now() where id = ?',
          [nameStatus, verifiedName, n.id],
        );
        const detail = {
          decision,
          requestedVerifiedName: requested,
          rejectionReason: v.rejection_reason ?? null,
          nameStatus,
          previousNameStatus: n.name_status,
          verifiedName,
          previousVerifiedName: n.verified_name,
          occurredAt: at.toISOString(),
        };
        await this.history.record(ctx.em, n.id, 'name_status_changed', detail);
        perNumber.push({ numberId: n.id, ...detail });
      }
    }
    const stale = rows.length > 0 && rows.every((n) => newer.has(n.id));
    return { outcome: stale ? 'stale' : 'applied', detail: { event, numbers: perNumber } };
  }

  /** The numbers that already had a later change of this field applied (Meta's time, else our receipt). */
  private async newerApplied(change: AccountChange, ctx: ApplyContext, at: Date): Promise<Set<string>> {
    const rows = await sql<{ id: string }>(
      ctx.em,
      `select n.id from unnest(?::uuid[]) as n(id)
        where exists (select 1 from whatsapp_account_events e
                       where e.field = ? and e.number_ids @> array[n.id] and e.outcome = 'applied'
                         and e.id is distinct from ?::uuid and coalesce(e.occurred_at, e.received_at) > ?)`,
      [change.numbers.map((n) => n.id), change.field, ctx.accountEventId ?? null, at],
    );
    return new Set(rows.map((r) => r.id));
  }
}
