import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ListAlertsQuery, NumberAlertView, Page } from '@switchboard/contracts';
import { Clock, keysetPage, readCursor, sql, uuidv7 } from '@switchboard/engine';
import { AccessScope, AuditLog } from '@switchboard/identity';
import type { NumberEventKind } from '../entities/number-event.entity';
import type { NumberAlertKind } from './number-alert.entity';

interface Row {
  id: string;
  number_id: string;
  department_id: string;
  kind: string;
  raised_at: Date;
  detail: Record<string, unknown>;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  resolved_at: Date | null;
}

/** The department is the number's current one: an alert moves with its number. */
const COLUMNS = `a.id, a.number_id, n.department_id, a.kind, a.raised_at, a.detail, a.acknowledged_at,
  a.acknowledged_by, a.resolved_at`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const toView = (r: Row): NumberAlertView => ({
  id: r.id,
  numberId: r.number_id,
  departmentId: r.department_id,
  kind: r.kind,
  raisedAt: new Date(r.raised_at).toISOString(),
  detail: r.detail,
  acknowledgedAt: iso(r.acknowledged_at),
  acknowledgedBy: r.acknowledged_by,
  resolvedAt: iso(r.resolved_at),
});

const STATUS_SQL: Record<ListAlertsQuery['status'], string> = {
  open: 'a.resolved_at is null',
  acknowledged: 'a.resolved_at is null and a.acknowledged_at is not null',
  unacknowledged: 'a.resolved_at is null and a.acknowledged_at is null',
  resolved: 'a.resolved_at is not null',
  all: 'true',
};

/**
 * Alerts about numbers: raised and resolved by checks (on the engine clock), listed within the departments the
 * actor reads, acknowledged by people who may reply there. Raising and resolving are recorded on the number's
 * history (number_events `alert_raised` / `alert_resolved`).
 */
@Injectable()
export class NumberAlertsService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async list(q: ListAlertsQuery): Promise<Page<NumberAlertView>> {
    const cursor = readCursor(q.cursor, 'cursor');
    const within = this.scope.condition('conversations.read', 'n.department_id');
    const rows = await sql<Row>(
      this.em,
      `select ${COLUMNS} from number_alerts a join whatsapp_numbers n on n.id = a.number_id
        where ${STATUS_SQL[q.status]} and ${within.sql}
          and (?::timestamptz is null or (a.raised_at, a.id) < (?::timestamptz, ?::uuid))
        order by a.raised_at desc, a.id desc limit ?`,
      [...within.params, cursor?.at ?? null, cursor?.at ?? null, cursor?.id ?? null, q.limit + 1],
    );
    const page = keysetPage(rows, q.limit, (r) => ({ at: new Date(r.raised_at), id: r.id }));
    return { items: page.rows.map(toView), nextCursor: page.nextCursor };
  }

  /** The number's latest 100 alerts, newest first; the caller has checked the number is visible. */
  async ofNumber(numberId: string, openOnly = false): Promise<NumberAlertView[]> {
    const rows = await sql<Row>(
      this.em,
      `select ${COLUMNS} from number_alerts a join whatsapp_numbers n on n.id = a.number_id
        where a.number_id = ? ${openOnly ? 'and a.resolved_at is null' : ''}
        order by a.raised_at desc, a.id desc limit 100`,
      [numberId],
    );
    return rows.map(toView);
  }

  /** Marks the alert seen (the first acknowledgement stands; again is a no-op). Audited on its department. */
  async acknowledge(id: string): Promise<NumberAlertView> {
    return this.em.fork().transactional(async (tx) => {
      // The number share-locked too: a move waits, so the department checked is the one audited.
      const [row] = await sql<Row>(
        tx,
        `select ${COLUMNS} from number_alerts a join whatsapp_numbers n on n.id = a.number_id
          where a.id = ? for update of a for share of n`,
        [id],
      );
      this.scope.assertIn('conversations.reply', row?.department_id ?? null, `alert ${id}`);
      if (row.acknowledged_at) return toView(row);
      const actor = this.scope.actor();
      const [after] = await sql<Row>(
        tx,
        `update number_alerts a set acknowledged_at = ?, acknowledged_by = ? from whatsapp_numbers n
          where a.id = ? and n.id = a.number_id returning ${COLUMNS}`,
        [this.clock.now(), actor.type === 'user' ? actor.id : null, id],
      );
      await this.audit.record(
        {
          action: 'number_alert.acknowledged',
          targetType: 'number_alert',
          targetId: id,
          departmentId: row.department_id,
          details: { numberId: row.number_id, kind: row.kind },
        },
        tx,
      );
      return toView(after);
    });
  }

  /**
   * Raises an alert on `tx` unless one of the kind is open for the number (the unique index decides); true when
   * raised.
   */
  async raise(
    tx: EntityManager,
    numberId: string,
    departmentId: string,
    kind: NumberAlertKind,
    detail: Record<string, unknown>,
  ): Promise<boolean> {
    const at = this.clock.now();
    const [raised] = await sql<{ id: string }>(
      tx,
      `insert into number_alerts (id, number_id, department_id, kind, raised_at, detail)
       values (?, ?, ?, ?, ?, ?::jsonb)
       on conflict (number_id, kind) where resolved_at is null do nothing returning id`,
      [uuidv7(), numberId, departmentId, kind, at, JSON.stringify(detail)],
    );
    if (raised) await this.history(tx, numberId, 'alert_raised', at, { alertId: raised.id, kind, ...detail });
    return !!raised;
  }

  /** Resolves the number's open alert of the kind, if any, on `tx`. */
  async resolve(
    tx: EntityManager,
    numberId: string,
    kind: NumberAlertKind,
    detail: Record<string, unknown>,
  ): Promise<void> {
    const at = this.clock.now();
    const resolved = await sql<{ id: string }>(
      tx,
      `update number_alerts set resolved_at = ? where number_id = ? and kind = ? and resolved_at is null returning id`,
      [at, numberId, kind],
    );
    for (const r of resolved)
      await this.history(tx, numberId, 'alert_resolved', at, { alertId: r.id, kind, ...detail });
  }

  /** Resolves every open alert of the number on `tx` (it was archived: nothing about it needs a person now). */
  async resolveAll(tx: EntityManager, numberId: string, detail: Record<string, unknown>): Promise<void> {
    const at = this.clock.now();
    const resolved = await sql<{ id: string; kind: string }>(
      tx,
      `update number_alerts set resolved_at = ? where number_id = ? and resolved_at is null returning id, kind`,
      [at, numberId],
    );
    for (const r of resolved)
      await this.history(tx, numberId, 'alert_resolved', at, { alertId: r.id, kind: r.kind, ...detail });
  }

  /** Drops the number's alerts and its watch on `tx`: the number itself is being deleted. */
  async forgetNumber(tx: EntityManager, numberId: string): Promise<void> {
    await sql(tx, 'delete from number_alerts where number_id = ?', [numberId]);
    await sql(tx, 'delete from number_watches where number_id = ?', [numberId]);
  }

  private async history(
    tx: EntityManager,
    numberId: string,
    kind: Extract<NumberEventKind, 'alert_raised' | 'alert_resolved'>,
    at: Date,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await sql(
      tx,
      'insert into number_events (id, number_id, kind, at, detail) values (?, ?, ?, ?, ?::jsonb)',
      [uuidv7(), numberId, kind, at, JSON.stringify(detail)],
    );
  }
}
