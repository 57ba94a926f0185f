import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';
import type { SlaClockKind } from '@switchboard/engine';
import type { ClockState } from './clock-math';
import type { SlaClock, TransitionInput } from './sla-clock';

interface ClockDbRow {
  id: string;
  conversation_id: string;
  department_id: string;
  number_id: string;
  policy_id: string;
  kind: string;
  state: ClockState;
  business_hours: boolean;
  started_at: Date;
  elapsed_ms: string | number;
  last_resumed_at: Date | null;
  target_ms: string | number;
  warn_ms: string | number;
  due_at: Date | null;
  warn_at: Date | null;
  warned_at: Date | null;
  breached_at: Date | null;
  finished_at: Date | null;
  by_user_id: string | null;
}

const date = (d: Date | string | null): Date | null => (d === null ? null : new Date(d));

function toClock(r: ClockDbRow): SlaClock {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    departmentId: r.department_id,
    numberId: r.number_id,
    policyId: r.policy_id,
    kind: r.kind as SlaClockKind,
    state: r.state,
    businessHours: r.business_hours,
    startedAt: new Date(r.started_at),
    elapsedMs: Number(r.elapsed_ms),
    lastResumedAt: date(r.last_resumed_at),
    targetMs: Number(r.target_ms),
    warnMs: Number(r.warn_ms),
    dueAt: date(r.due_at),
    warnAt: date(r.warn_at),
    warnedAt: date(r.warned_at),
    breachedAt: date(r.breached_at),
    finishedAt: date(r.finished_at),
    byUserId: r.by_user_id,
  };
}

/** sla_clocks and sla_clock_transitions: set-based reads, one write per changed clock. */
@Injectable()
export class SlaClockRepository {
  /** The running and paused clocks of these conversations, locked for the caller's transaction. */
  async live(em: EntityManager, conversationIds: readonly string[]): Promise<SlaClock[]> {
    if (!conversationIds.length) return [];
    const rows = await sql<ClockDbRow>(
      em,
      `select * from sla_clocks where conversation_id = any(?::uuid[]) and state in ('running', 'paused')
        order by conversation_id, id for update`,
      [conversationIds],
    );
    return rows.map(toClock);
  }

  async byId(em: EntityManager, id: string): Promise<SlaClock | null> {
    const [row] = await sql<ClockDbRow>(em, `select * from sla_clocks where id = ?`, [id]);
    return row ? toClock(row) : null;
  }

  /** Every clock of a conversation, oldest first. */
  async ofConversation(em: EntityManager, conversationId: string): Promise<SlaClock[]> {
    const rows = await sql<ClockDbRow>(
      em,
      `select * from sla_clocks where conversation_id = ? order by started_at, id`,
      [conversationId],
    );
    return rows.map(toClock);
  }

  async insert(em: EntityManager, c: SlaClock): Promise<void> {
    await sql(
      em,
      `insert into sla_clocks (id, conversation_id, department_id, number_id, policy_id, kind, state, business_hours,
         started_at, elapsed_ms, last_resumed_at, target_ms, warn_ms, due_at, warn_at, warned_at, breached_at,
         finished_at, by_user_id, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())`,
      [
        c.id,
        c.conversationId,
        c.departmentId,
        c.numberId,
        c.policyId,
        c.kind,
        c.state,
        c.businessHours,
        c.startedAt,
        c.elapsedMs,
        c.lastResumedAt,
        c.targetMs,
        c.warnMs,
        c.dueAt,
        c.warnAt,
        c.warnedAt,
        c.breachedAt,
        c.finishedAt,
        c.byUserId,
      ],
    );
  }

  /** Writes a clock's changeable fields. */
  async update(em: EntityManager, c: SlaClock): Promise<void> {
    await sql(
      em,
      `update sla_clocks set department_id = ?, policy_id = ?, state = ?, business_hours = ?, elapsed_ms = ?,
              last_resumed_at = ?, target_ms = ?, warn_ms = ?, due_at = ?, warn_at = ?, warned_at = ?,
              breached_at = ?, finished_at = ?, by_user_id = ?, updated_at = now()
        where id = ?`,
      [
        c.departmentId,
        c.policyId,
        c.state,
        c.businessHours,
        c.elapsedMs,
        c.lastResumedAt,
        c.targetMs,
        c.warnMs,
        c.dueAt,
        c.warnAt,
        c.warnedAt,
        c.breachedAt,
        c.finishedAt,
        c.byUserId,
        c.id,
      ],
    );
  }

  /**
   * Marks the clock warned or breached once: only while it still runs, has not been marked, and its deadline is
   * still the one the timer was set for (a pause or a recompute moved it otherwise). Null when another worker or
   * a change got there first.
   */
  async markDeadline(
    em: EntityManager,
    clockId: string,
    on: 'warning' | 'breach',
    dueAt: Date,
    at: Date,
  ): Promise<SlaClock | null> {
    const [row] = await sql<ClockDbRow>(
      em,
      on === 'warning'
        ? `update sla_clocks set warned_at = ?, updated_at = now()
            where id = ? and state = 'running' and warned_at is null and warn_at = ? returning *`
        : `update sla_clocks set breached_at = ?, updated_at = now()
            where id = ? and state = 'running' and breached_at is null and due_at = ? returning *`,
      [at, clockId, dueAt],
    );
    return row ? toClock(row) : null;
  }

  async transitions(em: EntityManager, rows: readonly TransitionInput[]): Promise<void> {
    if (!rows.length) return;
    await sql(
      em,
      `insert into sla_clock_transitions (clock_id, conversation_id, at, transition, cause, elapsed_ms, due_at)
       select * from unnest(?::uuid[], ?::uuid[], ?::timestamptz[], ?::text[], ?::text[], ?::bigint[], ?::timestamptz[])`,
      [
        rows.map((r) => r.clockId),
        rows.map((r) => r.conversationId),
        rows.map((r) => r.at.toISOString()),
        rows.map((r) => r.transition),
        rows.map((r) => r.cause),
        rows.map((r) => r.elapsedMs),
        rows.map((r) => r.dueAt?.toISOString() ?? null),
      ],
    );
  }
}
