import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { NumberView } from '@switchboard/contracts';
import { sql } from '@switchboard/engine';
import { AuditLog } from '@switchboard/identity';
import { WebhookIntakeService } from '../webhook/webhook-intake.service';
import { NumberAdminService } from './number-admin.service';
import { NumberHistory } from './number-history.service';
import { SilenceAlarmService } from '../alerts/silence-alarm.service';
import { NumberRegistry } from './number-registry.service';
import { assertNotArchived } from './not-archived';

/**
 * Disabling and enabling a number. While disabled, Meta's deliveries for it are still verified, stored and
 * acknowledged (Meta would otherwise retry and then drop them), but held: nothing is recorded and replies are
 * refused. Enabling it puts its held deliveries back to pending and queues their processing, and restarts its
 * silence alarm's quiet period. An archived number is refused (409): unarchive it first.
 */
@Injectable()
export class NumberSwitchService {
  constructor(
    private readonly em: EntityManager,
    private readonly admin: NumberAdminService,
    private readonly history: NumberHistory,
    private readonly audit: AuditLog,
    private readonly registry: NumberRegistry,
    private readonly intake: WebhookIntakeService,
    private readonly silence: SilenceAlarmService,
  ) {}

  async disable(id: string): Promise<NumberView> {
    const before = await this.admin.get(id);
    assertNotArchived(before);
    if (before.disabledAt) return before;
    await this.em.fork().transactional(async (tx) => {
      const changed = await sql<{ id: string }>(
        tx,
        `update whatsapp_numbers set disabled_at = now(), updated_at = now()
          where id = ? and disabled_at is null and archived_at is null returning id`,
        [id],
      );
      if (!changed.length) return;
      await this.history.record(tx, id, 'disabled', {});
      await this.audit.record(
        {
          action: 'number.disabled',
          targetType: 'whatsapp_number',
          targetId: id,
          departmentId: before.departmentId,
        },
        tx,
      );
    });
    this.registry.invalidate();
    return this.admin.get(id);
  }

  async enable(id: string): Promise<NumberView> {
    const before = await this.admin.get(id);
    assertNotArchived(before);
    if (!before.disabledAt) return before;
    const released = await this.em.fork().transactional(async (tx) => {
      const changed = await sql<{ id: string }>(
        tx,
        `update whatsapp_numbers set disabled_at = null, updated_at = now()
          where id = ? and disabled_at is not null and archived_at is null returning id`,
        [id],
      );
      if (!changed.length) return [];
      await this.silence.restartQuietPeriod(tx, id);
      // Held deliveries naming another number still disabled are held again when processed.
      const events = await sql<{ id: string }>(
        tx,
        `update inbound_events set status = 'pending', claimed_at = null
          where status = 'held' and number_ids @> array[?]::uuid[] returning id`,
        [id],
      );
      await this.history.record(tx, id, 'enabled', { releasedDeliveries: events.length });
      await this.audit.record(
        {
          action: 'number.enabled',
          targetType: 'whatsapp_number',
          targetId: id,
          departmentId: before.departmentId,
          details: { releasedDeliveries: events.length },
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
