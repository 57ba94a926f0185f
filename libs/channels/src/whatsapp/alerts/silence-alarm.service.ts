import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { NumberActivityQuery } from '@switchboard/conversations';
import { Clock, sql } from '@switchboard/engine';
import { AuditLog } from '@switchboard/identity';
import { isOpenAt } from '@switchboard/contracts';
import { businessMinutesBetween } from '../health/business-minutes';
import { BusinessHoursResolver } from '../health/business-hours-resolver';
import { NumberAlertsService } from './number-alerts.service';

interface Watched {
  number_id: string;
  department_id: string;
  silence_alarm_minutes: number;
  quiet_since: Date;
  inbound_marker: string | null;
  alerting: boolean;
}

/**
 * Silence alarms: a number with `silenceAlarmMinutes` that hears nothing for that many minutes of its business hours
 * gets a `silence` alert; it never fires outside business hours, and minutes outside them do not count. Time is the
 * engine clock's. A check notices a new inbound message by its id (the marker), restarts the quiet period from the
 * check's time and resolves the open alert, so alerts resolve within one check interval of a message arriving.
 */
@Injectable()
export class SilenceAlarmService {
  private readonly logger = new Logger(SilenceAlarmService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly activity: NumberActivityQuery,
    private readonly hours: BusinessHoursResolver,
    private readonly alerts: NumberAlertsService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The number's alarm (null: off). The caller has checked the number is visible. */
  async settings(
    numberId: string,
  ): Promise<{ minutes: number | null; quietSince: Date | null; lastCheckedAt: Date | null }> {
    const [row] = await sql<{
      silence_alarm_minutes: number | null;
      quiet_since: Date;
      last_checked_at: Date | null;
    }>(
      this.em,
      'select silence_alarm_minutes, quiet_since, last_checked_at from number_watches where number_id = ?',
      [numberId],
    );
    return row?.silence_alarm_minutes
      ? {
          minutes: row.silence_alarm_minutes,
          quietSince: new Date(row.quiet_since),
          lastCheckedAt: row.last_checked_at ? new Date(row.last_checked_at) : null,
        }
      : { minutes: null, quietSince: null, lastCheckedAt: null };
  }

  /**
   * Sets or turns off the alarm (audited). The quiet period starts now: silence before the alarm was switched on
   * does not count. Turning it off resolves an open silence alert.
   */
  async configure(numberId: string, departmentId: string, minutes: number | null): Promise<void> {
    const now = this.clock.now();
    const latest = (await this.activity.latestInbound([numberId])).get(numberId);
    const before = await this.settings(numberId);
    await this.em.fork().transactional(async (tx) => {
      await sql(
        tx,
        `insert into number_watches (number_id, silence_alarm_minutes, quiet_since, inbound_marker, updated_at)
         values (?, ?, ?, ?, ?)
         on conflict (number_id) do update set silence_alarm_minutes = excluded.silence_alarm_minutes,
           quiet_since = excluded.quiet_since, inbound_marker = excluded.inbound_marker, updated_at = excluded.updated_at`,
        [numberId, minutes, now, latest?.id ?? null, now],
      );
      if (minutes === null)
        await this.alerts.resolve(tx, numberId, 'silence', { reason: 'alarm turned off' });
      await this.audit.record(
        {
          action: 'number.health_settings_changed',
          targetType: 'whatsapp_number',
          targetId: numberId,
          departmentId,
          details: { silenceAlarmMinutes: { from: before.minutes, to: minutes } },
        },
        tx,
      );
    });
  }

  /**
   * One check of every number with an alarm that is in use (neither disabled nor archived); safe to run twice at
   * once (the open-alert index decides). A number whose silence alert is open is only watched for the inbound
   * message that resolves it: its business minutes are not counted again.
   */
  async checkAll(): Promise<void> {
    const startedAt = new Date();
    const now = this.clock.now();
    const watched = await sql<Watched>(
      this.em,
      `select w.number_id, n.department_id, w.silence_alarm_minutes, w.quiet_since, w.inbound_marker,
              exists (select 1 from number_alerts a
                       where a.number_id = w.number_id and a.kind = 'silence' and a.resolved_at is null) as alerting
         from number_watches w join whatsapp_numbers n on n.id = w.number_id
        where w.silence_alarm_minutes is not null and n.disabled_at is null and n.archived_at is null`,
    );
    const latest = await this.activity.latestInbound(watched.map((w) => w.number_id));
    const hours = await this.hours.forNumbers(
      watched.map((w) => ({ id: w.number_id, departmentId: w.department_id })),
    );
    for (const w of watched) {
      try {
        const marker = latest.get(w.number_id)?.id ?? null;
        if (marker !== w.inbound_marker) {
          await this.inWatch(w, async (tx) => {
            await sql(
              tx,
              'update number_watches set inbound_marker = ?, quiet_since = ?, updated_at = ? where number_id = ?',
              [marker, now, now, w.number_id],
            );
            await this.alerts.resolve(tx, w.number_id, 'silence', {
              reason: 'inbound message',
              messageId: marker,
            });
          });
          continue;
        }
        if (w.alerting) continue;
        const resolved = hours.get(w.number_id);
        if (!resolved || !isOpenAt(resolved.calendar, now)) continue;
        const quietSince = new Date(w.quiet_since);
        const silent = businessMinutesBetween(resolved.calendar, quietSince, now, w.silence_alarm_minutes);
        if (silent < w.silence_alarm_minutes) continue;
        await this.inWatch(w, (tx) =>
          this.alerts.raise(tx, w.number_id, w.department_id, 'silence', {
            minutes: w.silence_alarm_minutes,
            quietSince: quietSince.toISOString(),
            businessHours: resolved.hours ?? resolved.calendar,
            businessHoursSource: resolved.source,
          }),
        );
      } catch (e) {
        this.logger.warn(`silence check of number ${w.number_id} failed: ${(e as Error).message}`);
      }
    }
    if (watched.length)
      await sql(this.em, 'update number_watches set last_checked_at = ? where number_id = any(?::uuid[])', [
        startedAt,
        watched.map((w) => w.number_id),
      ]);
  }

  /** A number back in use (enabled, unarchived) starts a new quiet period: the time it was out does not count. */
  async restartQuietPeriod(tx: EntityManager, numberId: string): Promise<void> {
    const now = this.clock.now();
    await sql(tx, 'update number_watches set quiet_since = ?, updated_at = ? where number_id = ?', [
      now,
      now,
      numberId,
    ]);
  }

  /**
   * Runs `work` with the number's watch locked, only if it is still what the check read: an alarm switched off or
   * set again meanwhile (or a check running at once that already moved it) wins, and this check's result is dropped.
   */
  private async inWatch(w: Watched, work: (tx: EntityManager) => Promise<unknown>): Promise<void> {
    await this.em.fork().transactional(async (tx) => {
      const [current] = await sql<{ unchanged: boolean }>(
        tx,
        `select silence_alarm_minutes is not distinct from ? and quiet_since = ?
                and inbound_marker is not distinct from ? as unchanged
           from number_watches where number_id = ? for update`,
        [w.silence_alarm_minutes, w.quiet_since, w.inbound_marker, w.number_id],
      );
      if (current?.unchanged) await work(tx);
    });
  }
}
