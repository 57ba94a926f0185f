import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { NumberConversationsService } from '@switchboard/conversations';
import { NumberView } from '@switchboard/contracts';
import { sql } from '@switchboard/engine';
import { AuditLog } from '@switchboard/identity';
import { WebhookIntakeService } from '../webhook/webhook-intake.service';
import { NumberAlertsService } from '../alerts/number-alerts.service';
import { SilenceAlarmService } from '../alerts/silence-alarm.service';
import { NumberAdminService } from './number-admin.service';
import { NumberHistory } from './number-history.service';
import { NumberRegistry } from './number-registry.service';

/**
 * Archiving a number that is no longer used: it keeps its history and conversations (which is why it is archived,
 * not deleted), leaves the number list (`?archived=true` lists it), refuses replies, and its phone_number_id cannot
 * be registered again. Meta may still deliver for it: deliveries are verified, stored and acknowledged, then held
 * like a disabled number's (never lost, visible as `held`), and processed if the number is unarchived. Archiving
 * resolves its open alerts and the silence check skips it; unarchiving starts a new quiet period.
 */
@Injectable()
export class NumberArchiveService {
  constructor(
    private readonly em: EntityManager,
    private readonly admin: NumberAdminService,
    private readonly conversations: NumberConversationsService,
    private readonly history: NumberHistory,
    private readonly audit: AuditLog,
    private readonly registry: NumberRegistry,
    private readonly intake: WebhookIntakeService,
    private readonly alerts: NumberAlertsService,
    private readonly silence: SilenceAlarmService,
  ) {}

  async archive(id: string): Promise<NumberView> {
    const before = await this.admin.get(id);
    if (before.archivedAt) return before;
    await this.em.fork().transactional(async (tx) => {
      const changed = await sql<{ id: string }>(
        tx,
        'update whatsapp_numbers set archived_at = now(), updated_at = now() where id = ? and archived_at is null returning id',
        [id],
      );
      if (!changed.length) return;
      const detail = { conversations: await this.conversations.countFor(id, tx) };
      await this.history.record(tx, id, 'archived', detail);
      await this.alerts.resolveAll(tx, id, { reason: 'number archived' });
      await this.audit.record(
        {
          action: 'number.archived',
          targetType: 'whatsapp_number',
          targetId: id,
          departmentId: before.departmentId,
          details: detail,
        },
        tx,
      );
    });
    this.registry.invalidate();
    return this.admin.get(id);
  }

  /** Back in use: its held deliveries are processed, unless it is still disabled (then they wait for enabling). */
  async unarchive(id: string): Promise<NumberView> {
    const before = await this.admin.get(id);
    if (!before.archivedAt) return before;
    const released = await this.em.fork().transactional(async (tx) => {
      const changed = await sql<{ disabled: boolean }>(
        tx,
        `update whatsapp_numbers set archived_at = null, updated_at = now()
          where id = ? and archived_at is not null returning disabled_at is not null as disabled`,
        [id],
      );
      if (!changed.length) return [];
      await this.silence.restartQuietPeriod(tx, id);
      const events = changed[0].disabled
        ? []
        : await sql<{ id: string }>(
            tx,
            `update inbound_events set status = 'pending', claimed_at = null
              where status = 'held' and number_ids @> array[?]::uuid[] returning id`,
            [id],
          );
      const detail = { releasedDeliveries: events.length };
      await this.history.record(tx, id, 'unarchived', detail);
      await this.audit.record(
        {
          action: 'number.unarchived',
          targetType: 'whatsapp_number',
          targetId: id,
          departmentId: before.departmentId,
          details: detail,
        },
        tx,
      );
      return events.map((e) => e.id);
    });
    this.registry.invalidate();
    // One job drains every pending delivery; the relay covers a lost enqueue.
    if (released.length) this.intake.enqueue(released[0]);
    return this.admin.get(id);
  }
}
