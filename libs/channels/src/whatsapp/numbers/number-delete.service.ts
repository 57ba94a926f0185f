import { EntityManager } from '@mikro-orm/postgresql';
import { ConflictException, Injectable } from '@nestjs/common';
import { NumberConversationsService } from '@switchboard/conversations';
import { PluginInstallationsService, sql } from '@switchboard/engine';
import { AuditLog } from '@switchboard/identity';
import { NumberAlertsService } from '../alerts/number-alerts.service';
import { NumberAdminService } from './number-admin.service';
import { NumberRegistry } from './number-registry.service';

/**
 * Deleting a number that was never used: one with conversations is refused (409, archive it instead), and so is
 * one with held deliveries (they would name a number that no longer exists: enable it so they are processed, or
 * archive it). The row goes with its sealed token and secrets, its history, its plugin installations, its silence
 * alarm and its alerts; the audit
 * log keeps the deletion. Deliveries stored but not yet processed are then kept as failed, naming the unregistered
 * phone_number_id (visible and replayable), like any delivery for a number that is not registered.
 */
@Injectable()
export class NumberDeleteService {
  constructor(
    private readonly em: EntityManager,
    private readonly admin: NumberAdminService,
    private readonly conversations: NumberConversationsService,
    private readonly plugins: PluginInstallationsService,
    private readonly audit: AuditLog,
    private readonly registry: NumberRegistry,
    private readonly alerts: NumberAlertsService,
  ) {}

  async delete(id: string): Promise<void> {
    const before = await this.admin.get(id);
    await this.em.fork().transactional(async (tx) => {
      // Locked first, before anything is counted: a registration or move of this number waits for the outcome, and
      // so does processing, which takes the numbers it records for `for key share`.
      const locked = await sql(tx, 'select id from whatsapp_numbers where id = ? for update', [id]);
      if (!locked.length) return;
      const conversations = await this.conversations.countFor(id, tx);
      if (conversations > 0)
        throw new ConflictException(
          `number ${before.phoneNumberId} has ${conversations} conversation(s) and cannot be deleted; archive it instead (POST /api/numbers/${id}/archive)`,
        );
      const [held] = await sql<{ n: string }>(
        tx,
        `select count(*) as n from inbound_events where status = 'held' and number_ids @> array[?]::uuid[]`,
        [id],
      );
      if (Number(held.n) > 0)
        throw new ConflictException(
          `number ${before.phoneNumberId} has ${held.n} held deliveries that were never processed; enable it so they are processed, or archive it instead`,
        );
      await this.plugins.forgetNumber(tx, id);
      await this.alerts.forgetNumber(tx, id);
      await sql(tx, 'delete from number_events where number_id = ?', [id]);
      await sql(tx, 'delete from whatsapp_numbers where id = ?', [id]);
      await this.audit.record(
        {
          action: 'number.deleted',
          targetType: 'whatsapp_number',
          targetId: id,
          departmentId: before.departmentId,
          details: {
            phoneNumberId: before.phoneNumberId,
            wabaId: before.wabaId,
            displayPhoneNumber: before.displayPhoneNumber,
          },
        },
        tx,
      );
    });
    this.registry.invalidate();
  }
}
