import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';
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
 * FLAGGED / UNFLAGGED tell that the number's quality fell to low or came back (Meta sends no rating with them);
 * other events (UPGRADE, DOWNGRADE, ONBOARDING, THROUGHPUT_UPGRADE) leave the rating as it was.
 */
const RATING_OF_EVENT: Record<string, string> = { FLAGGED: 'RED', UNFLAGGED: 'GREEN' };

/** phone_number_name_update's decision as Graph's name_status reports it afterwards. */
const NAME_STATUS_OF_DECISION: Record<string, string> = {
  APPROVED: 'APPROVED',
  REJECTED: 'DECLINED',
  DECLINED: 'DECLINED',
  PENDING: 'PENDING_REVIEW',
  DEFERRED: 'PENDING_REVIEW',
};

/** phone_number_quality_update and phone_number_name_update: the number's own fields, plus its history. */
@Injectable()
export class NumberEventsHandler {
  constructor(private readonly history: NumberHistory) {}

  async apply(change: AccountChange, ctx: ApplyContext): Promise<AppliedChange> {
    const at = effectiveTime(change, ctx);
    const rows = await sql<NumberRow>(
      ctx.em,
      `select id, quality_rating, messaging_limit_tier, name_status, verified_name from whatsapp_numbers
        where id = any(?::uuid[]) order by id for update`,
      [change.numbers.map((n) => n.id)],
    );
    const v = change.value;
    const event = str(v.event) ?? str(v.decision) ?? null;
    const perNumber: Record<string, unknown>[] = [];
    for (const n of rows) {
      if (change.field === 'phone_number_quality_update') {
        const qualityRating =
          str(v.quality_rating) ?? (event ? RATING_OF_EVENT[event] : undefined) ?? n.quality_rating;
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
    return { outcome: 'applied', detail: { event, numbers: perNumber } };
  }
}
