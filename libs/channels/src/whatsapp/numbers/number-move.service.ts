import { EntityManager } from '@mikro-orm/postgresql';
import { ConflictException, Injectable } from '@nestjs/common';
import { MoveNumberRequest, NumberView } from '@switchboard/contracts';
import { PluginInstallationsService, sql } from '@switchboard/engine';
import { AuditLog } from '@switchboard/identity';
import { NumberAdminService, OpenDepartment } from './number-admin.service';
import { NumberHistory } from './number-history.service';
import { NumberRegistry } from './number-registry.service';
import { assertNotArchived, numberArchived } from './not-archived';

/**
 * Moving a number to another department. New conversations open in the new department; conversations already
 * open stay where they are until closed (a conversation belongs to one department for its whole life). A number
 * running a department plugin is refused (409): the plugin shapes its department (pipeline, visibility), so it is
 * switched off first. Open alerts go with the number (they are scoped by its current department). An archived
 * number is refused (409): unarchive it first.
 */
@Injectable()
export class NumberMoveService {
  constructor(
    private readonly em: EntityManager,
    private readonly admin: NumberAdminService,
    private readonly installations: PluginInstallationsService,
    private readonly history: NumberHistory,
    private readonly audit: AuditLog,
    private readonly registry: NumberRegistry,
  ) {}

  async move(id: string, body: MoveNumberRequest, openDepartment: OpenDepartment): Promise<NumberView> {
    const before = await this.admin.get(id);
    assertNotArchived(before);
    if (before.departmentId === body.departmentId) return before;
    const departmentPlugin = (await this.installations.enabledFor(id)).find(
      (i) => this.installations.plugin(i.plugin_id)?.manifest.kind === 'department',
    );
    if (departmentPlugin)
      throw new ConflictException(
        `number ${before.phoneNumberId} runs the department plugin "${departmentPlugin.plugin_id}"; switch it off on this number before moving it`,
      );
    await this.em.fork().transactional(async (tx) => {
      await openDepartment(tx, body.departmentId);
      const moved = await sql<{ id: string }>(
        tx,
        `update whatsapp_numbers set department_id = ?, updated_at = now()
          where id = ? and department_id = ? and archived_at is null returning id`,
        [body.departmentId, id, before.departmentId],
      );
      // Moved or archived by someone else meanwhile: ask again rather than overwrite their choice.
      if (!moved.length && (await this.admin.get(id)).archivedAt) throw numberArchived(before);
      if (!moved.length)
        throw new ConflictException(`number ${before.phoneNumberId} was changed meanwhile; retry`);
      const detail = { fromDepartmentId: before.departmentId, toDepartmentId: body.departmentId };
      await this.history.record(tx, id, 'moved', detail);
      await this.audit.record(
        {
          action: 'number.moved',
          targetType: 'whatsapp_number',
          targetId: id,
          departmentId: body.departmentId,
          details: detail,
        },
        tx,
      );
    });
    this.registry.invalidate();
    return this.admin.get(id);
  }
}
