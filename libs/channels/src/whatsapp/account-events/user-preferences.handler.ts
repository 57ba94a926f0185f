import { Injectable } from '@nestjs/common';
import { MarketingConsentService } from '../consent/marketing-consent.service';
import { record, str, unixTime } from '../json-value';
import { AccountChange } from './account-change';
import { AppliedChange, ApplyContext, effectiveTime } from './applied-change';

const STATE_OF_VALUE = { stop: 'stopped', resume: 'granted' } as const;

/**
 * user_preferences: each `marketing_messages` stop or resume goes to the consent ledger of the number's WABA, at
 * Meta's timestamp (a newer change already recorded wins). Other categories are kept in the detail, not applied.
 * Keyed by wa_id only: Meta's user_preferences reference documents wa_id on each item and no business-scoped user
 * id (user_id), so a BSUID-only customer cannot be matched (docs/operations.md, Marketing consent).
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/user_preferences
 */
@Injectable()
export class UserPreferencesHandler {
  constructor(private readonly consent: MarketingConsentService) {}

  async apply(change: AccountChange, ctx: ApplyContext): Promise<AppliedChange> {
    const items = Array.isArray(change.value.user_preferences) ? change.value.user_preferences : [];
    const results: Record<string, unknown>[] = [];
    for (const [i, raw] of items.entries()) {
      const path = `${change.path}.value.user_preferences[${i}]`;
      const item = record(raw) ?? {};
      const waId = str(item.wa_id);
      const value = str(item.value);
      const category = str(item.category);
      const state = value === 'stop' || value === 'resume' ? STATE_OF_VALUE[value] : undefined;
      if (!waId || !state || category !== 'marketing_messages') {
        results.push({
          path,
          waId: waId ?? null,
          category: category ?? null,
          value: value ?? null,
          outcome: 'not_handled',
          reason: !waId
            ? 'no wa_id'
            : category !== 'marketing_messages'
              ? `category "${category ?? ''}" is not marketing_messages`
              : `value "${value ?? ''}" is neither stop nor resume`,
        });
        continue;
      }
      const at = unixTime(item.timestamp) ?? effectiveTime(change, ctx);
      const r = await this.consent.record(ctx.em, {
        wabaId: change.wabaId,
        waId,
        state,
        at,
        source: 'webhook',
        inboundEventId: ctx.inboundEventId,
        path,
      });
      results.push({
        path,
        waId,
        state,
        at: at.toISOString(),
        outcome: !r.recorded ? 'duplicate' : r.applied ? 'applied' : 'stale',
      });
    }
    const applied = results.some((r) => r.outcome === 'applied');
    return {
      outcome:
        applied || !results.length
          ? 'applied'
          : results.every((r) => r.outcome === 'not_handled')
            ? 'not_handled'
            : 'stale',
      detail: { preferences: results },
    };
  }
}
