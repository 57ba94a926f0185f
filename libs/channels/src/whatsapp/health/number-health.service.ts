import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isOpenAt, NumberHealthView } from '@switchboard/contracts';
import { NumberActivityQuery } from '@switchboard/conversations';
import { Clock, sql } from '@switchboard/engine';
import { NumberAlertsService } from '../alerts/number-alerts.service';
import { SilenceAlarmService } from '../alerts/silence-alarm.service';
import { NumberAdminService } from '../numbers/number-admin.service';
import { BusinessHoursResolver } from './business-hours-resolver';
import { webhookLag } from './webhook-lag';

/** Inbound messages the webhook lag is measured over. */
const LAG_SAMPLE = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * One number's health for admins and the web app: what the last connection test found, quality and its history,
 * traffic, webhook lag, failed sends by Meta's code in the last 24 hours, the silence alarm and open alerts.
 */
@Injectable()
export class NumberHealthService {
  constructor(
    private readonly em: EntityManager,
    private readonly numbers: NumberAdminService,
    private readonly activity: NumberActivityQuery,
    private readonly hours: BusinessHoursResolver,
    private readonly silence: SilenceAlarmService,
    private readonly alerts: NumberAlertsService,
    private readonly clock: Clock,
  ) {}

  async view(numberId: string): Promise<NumberHealthView> {
    // History before the number: a change commits both together, so the rating read next is never older than it.
    const quality = await this.qualityHistory(numberId);
    const number = await this.numbers.get(numberId);
    const now = this.clock.now();
    const checks = number.connectionTest?.checks ?? [];
    const tokenCheck = checks.find((c) => c.name === 'token');
    const subscribedCheck = checks.find((c) => c.name === 'subscribed_app');
    const checkedAt = number.connectionTest?.at ?? null;

    // One after another: a view costs one pooled connection at a time.
    const latest = await this.activity.latestInbound([numberId]);
    const lastSend = await this.activity.lastSuccessfulSend(numberId);
    const timings = await this.activity.recentInboundTimings(numberId, LAG_SAMPLE);
    const failed = await this.activity.failedSendsSince(numberId, new Date(now.getTime() - DAY_MS));
    const hours = await this.hours.forNumbers([{ id: numberId, departmentId: number.departmentId }]);
    const alarm = await this.silence.settings(numberId);
    const openAlerts = await this.alerts.ofNumber(numberId, true);
    const received = await this.receivedAt(timings.map((t) => t.inboundEventId));
    const lastInbound = latest.get(numberId);
    const resolved = hours.get(numberId)!;

    return {
      numberId,
      at: now.toISOString(),
      token: {
        valid: number.health !== 'token_invalid' && tokenCheck?.ok !== false,
        health: number.health,
        reason: number.healthReason,
        error: tokenCheck?.error ?? null,
        checkedAt: tokenCheck?.at ?? checkedAt,
      },
      webhook: {
        subscribed: subscribedCheck ? subscribedCheck.ok : null,
        detail: subscribedCheck?.detail ?? null,
        error: subscribedCheck?.error ?? null,
        checkedAt: subscribedCheck ? checkedAt : null,
      },
      quality: { rating: number.qualityRating, history: quality },
      messaging: { tier: number.messagingLimitTier, throughputLevel: number.throughputLevel },
      lastInbound: lastInbound
        ? {
            messageId: lastInbound.id,
            at: lastInbound.at.toISOString(),
            metaTimestamp: lastInbound.metaAt?.toISOString() ?? null,
          }
        : null,
      lastSuccessfulSend: lastSend
        ? { messageId: lastSend.id, at: (lastSend.metaAt ?? lastSend.at).toISOString() }
        : null,
      webhookLag: webhookLag(
        timings.flatMap((t) => {
          const at = received.get(t.inboundEventId);
          return at ? [{ metaAt: t.metaAt, receivedAt: at }] : [];
        }),
        `the latest ${LAG_SAMPLE} inbound messages`,
      ),
      failedSends: {
        since: new Date(now.getTime() - DAY_MS).toISOString(),
        total: failed.reduce((n, g) => n + g.count, 0),
        byCode: failed.map((g) => ({ ...g, latestAt: g.latestAt.toISOString() })),
      },
      silenceAlarm: {
        minutes: alarm.minutes,
        quietSince: alarm.quietSince?.toISOString() ?? null,
        businessHours: {
          hours: resolved.hours,
          source: resolved.source,
          pluginId: resolved.pluginId,
          // The department's own calendar (holidays, exceptions) when it set one; otherwise `hours` says it all.
          ...(resolved.source === 'calendar' ? { calendar: resolved.calendar } : {}),
        },
        withinBusinessHoursNow: isOpenAt(resolved.calendar, now),
        lastCheckedAt: alarm.lastCheckedAt?.toISOString() ?? null,
      },
      openAlerts,
    };
  }

  /** When each webhook delivery was received (our own inbound_events). */
  private async receivedAt(eventIds: string[]): Promise<Map<string, Date>> {
    if (!eventIds.length) return new Map();
    const rows = await sql<{ id: string; received_at: Date }>(
      this.em,
      'select id, received_at from inbound_events where id = any(?::uuid[])',
      [[...new Set(eventIds)]],
    );
    return new Map(rows.map((r) => [r.id, new Date(r.received_at)]));
  }

  /** Meta's quality updates recorded on the number's history (kind `quality_changed`), oldest first. */
  private async qualityHistory(numberId: string): Promise<NumberHealthView['quality']['history']> {
    const rows = await sql<{ at: Date; detail: Record<string, unknown> }>(
      this.em,
      `select at, detail from (select at, id, detail from number_events where number_id = ? and kind = 'quality_changed'
        order by at desc, id desc limit 100) x order by at, id`,
      [numberId],
    );
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    return rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      qualityRating: text(r.detail.qualityRating),
      previousQualityRating: text(r.detail.previousQualityRating),
      messagingLimitTier: text(r.detail.messagingLimitTier),
      previousMessagingLimitTier: text(r.detail.previousMessagingLimitTier),
      event: text(r.detail.metaEvent),
    }));
  }
}
