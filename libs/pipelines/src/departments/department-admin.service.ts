import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { ConflictException, Injectable } from '@nestjs/common';
import {
  BusinessHours,
  CreateDepartmentRequest,
  ListDepartmentsQuery,
  UpdateDepartmentRequest,
} from '@switchboard/contracts';
import { keysetPage, readCursor, sql } from '@switchboard/engine';
import { AccessScope, AuditLog } from '@switchboard/identity';
import { DepartmentSetupService } from '../department-setup.service';

/** A department as admins see it (its numbers and plugin are added by whoever owns them). */
export interface DepartmentRecord {
  id: string;
  key: string;
  name: string;
  membersOnly: boolean;
  membersOnlySetByAdmin: boolean;
  archivedAt: Date | null;
  createdAt: Date;
  /** Its own business hours; null: its department plugin's, else the default. */
  businessHours: BusinessHours | null;
}

interface Row {
  id: string;
  key: string;
  name: string;
  visibility: string;
  visibility_pinned: boolean;
  archived_at: Date | null;
  created_at: Date;
  business_hours: BusinessHours | null;
}

const toRecord = (r: Row): DepartmentRecord => ({
  id: r.id,
  key: r.key,
  name: r.name,
  membersOnly: r.visibility === 'members',
  membersOnlySetByAdmin: r.visibility_pinned,
  archivedAt: r.archived_at ? new Date(r.archived_at) : null,
  createdAt: new Date(r.created_at),
  businessHours: r.business_hours,
});

const COLUMNS =
  'd.id, d.key, d.name, d.visibility, d.visibility_pinned, d.archived_at, d.created_at, d.business_hours';

/**
 * What archiving must not leave behind: the numbers still bound to the department (their display numbers). Asked by
 * whoever owns numbers, on the archiving transaction, after the department row is locked.
 */
export type BoundNumbers = (tx: EntityManager, departmentId: string) => Promise<string[]>;

/**
 * Creating, renaming, flagging and archiving departments. Seeing a department follows conversations.read: admins
 * see every one except the members-only ones they hold no role in (404 there, as for ids that do not exist). Every
 * change is audited on the department, in the transaction that makes it.
 */
@Injectable()
export class DepartmentAdminService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
    private readonly audit: AuditLog,
    private readonly setup: DepartmentSetupService,
  ) {}

  async list(q: ListDepartmentsQuery): Promise<{ items: DepartmentRecord[]; nextCursor: string | null }> {
    const cursor = readCursor(q.cursor, 'cursor');
    const within = this.scope.condition('conversations.read', 'd.id');
    const rows = await sql<Row>(
      this.em,
      `select ${COLUMNS} from departments d
        where (?::timestamptz is null or (d.created_at, d.id) > (?::timestamptz, ?::uuid)) and ${within.sql}
        order by d.created_at, d.id limit ?`,
      [cursor?.at ?? null, cursor?.at ?? null, cursor?.id ?? null, ...within.params, q.limit + 1],
    );
    const page = keysetPage(rows, q.limit, (r) => ({ at: new Date(r.created_at), id: r.id }));
    return { items: page.rows.map(toRecord), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<DepartmentRecord> {
    return toRecord(await this.visible(this.em, id, false));
  }

  /** The departments' own business hours (null where they set none), whoever asks: for alarms and health views. */
  async ownBusinessHours(ids: string[]): Promise<Map<string, BusinessHours | null>> {
    const rows = await sql<{ id: string; business_hours: BusinessHours | null }>(
      this.em,
      'select id, business_hours from departments where id = any(?::uuid[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.business_hours]));
  }

  async create(body: CreateDepartmentRequest): Promise<DepartmentRecord> {
    try {
      return await this.em.fork().transactional(async (tx) => {
        const department = this.setup.create(tx, {
          key: body.key,
          name: body.name,
          visibility: body.membersOnly ? 'members' : 'department',
          visibilityPinned: body.membersOnly !== undefined,
        });
        await tx.flush();
        await this.audit.record(
          {
            action: 'department.created',
            targetType: 'department',
            targetId: department.id,
            departmentId: department.id,
            details: { key: body.key, name: body.name, membersOnly: body.membersOnly ?? null },
          },
          tx,
        );
        const [row] = await sql<Row>(tx, `select ${COLUMNS} from departments d where d.id = ?`, [
          department.id,
        ]);
        return toRecord(row);
      });
    } catch (e) {
      // The unique index on the key decides, also between two creations at once.
      if (e instanceof UniqueConstraintViolationException) throw duplicateKey(body.key);
      throw e;
    }
  }

  async update(id: string, body: UpdateDepartmentRequest): Promise<DepartmentRecord> {
    // Checked (and defaulted) by the request contract.
    const hours = body.businessHours;
    return this.em.fork().transactional(async (tx) => {
      const before = await this.visible(tx, id, true);
      if (before.archived_at) throw archived(before.key);
      const [after] = await sql<Row>(
        tx,
        `update departments d set name = coalesce(?::text, d.name),
                visibility = case when ?::boolean is null then d.visibility
                                  when ?::boolean then 'members' else 'department' end,
                visibility_pinned = d.visibility_pinned or ?::boolean is not null,
                business_hours = case when ?::boolean then ?::jsonb else d.business_hours end
          where d.id = ? returning ${COLUMNS}`,
        [
          body.name ?? null,
          body.membersOnly ?? null,
          body.membersOnly ?? null,
          body.membersOnly ?? null,
          hours !== undefined,
          hours ? JSON.stringify(hours) : null,
          id,
        ],
      );
      const details: Record<string, unknown> = {};
      if (body.name !== undefined) details.name = { from: before.name, to: after.name };
      if (body.membersOnly !== undefined)
        details.membersOnly = { from: before.visibility === 'members', to: body.membersOnly };
      if (hours !== undefined) details.businessHours = { from: before.business_hours, to: hours };
      await this.audit.record(
        { action: 'department.updated', targetType: 'department', targetId: id, departmentId: id, details },
        tx,
      );
      return toRecord(after);
    });
  }

  /**
   * Archiving is refused (409, naming them) while numbers are still bound to the department: their conversations
   * would keep arriving in an archived department. Without numbers nothing arrives any more; its conversations,
   * cards and history stay readable as before.
   */
  async archive(id: string, boundNumbers: BoundNumbers): Promise<DepartmentRecord> {
    return this.em.fork().transactional(async (tx) => {
      const before = await this.visible(tx, id, true);
      if (before.archived_at) throw archived(before.key);
      const numbers = await boundNumbers(tx, id);
      if (numbers.length)
        throw new ConflictException(
          `department "${before.key}" still has WhatsApp numbers (${numbers.map((n) => `+${n}`).join(', ')}); move or remove them before archiving`,
        );
      const [after] = await sql<Row>(
        tx,
        `update departments d set archived_at = now() where d.id = ? returning ${COLUMNS}`,
        [id],
      );
      await this.audit.record(
        {
          action: 'department.archived',
          targetType: 'department',
          targetId: id,
          departmentId: id,
          details: { key: before.key },
        },
        tx,
      );
      return toRecord(after);
    });
  }

  /**
   * For binding a number to the department, on the caller's transaction: locks it against archiving meanwhile;
   * 404 when absent or hidden, 409 when archived.
   */
  async lockOpen(tx: EntityManager, id: string): Promise<void> {
    const row = await this.visible(tx, id, true);
    if (row.archived_at) throw archived(row.key);
  }

  /** The department when the actor may see it (locked for a change when `lock`); 404 when absent or hidden. */
  private async visible(em: EntityManager, id: string, lock: boolean): Promise<Row> {
    const [row] = await sql<Row>(
      em,
      `select ${COLUMNS} from departments d where d.id = ?${lock ? ' for update' : ''}`,
      [id],
    );
    this.scope.assertIn('conversations.read', row?.id ?? null, `department ${id}`);
    return row;
  }
}

/** The same answer whether the department holding the key is visible or members-only (hidden from the actor). */
const duplicateKey = (key: string) => new ConflictException(`department key "${key}" is not available`);
const archived = (key: string) => new ConflictException(`department "${key}" is archived`);
