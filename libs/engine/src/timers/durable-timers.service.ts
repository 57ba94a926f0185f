import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '../persistence/sql';
import { TimerRegistry } from './timer-registry';
import type { TimerInput } from './timer-types';

/** The channel a committed schedule notifies, with the earliest due time (ms since epoch) it set. */
export const TIMERS_CHANNEL = 'switchboard_timers';

/**
 * Durable timers: rows in the database, set and cancelled inside the caller's transaction (so a deadline exists
 * exactly when the change that implies it committed), fired once by whichever worker claims them.
 */
@Injectable()
export class DurableTimers {
  constructor(private readonly registry: TimerRegistry) {}

  /**
   * Sets or moves timers by key, in the caller's transaction: one upsert for the list (the last entry of a key
   * wins; a moved timer starts its attempts afresh; one set again unchanged is left as it is). Its NOTIFY carries the earliest due time, so a runner
   * sleeping towards a later one wakes when this commits.
   */
  async schedule(em: EntityManager, timers: readonly TimerInput[]): Promise<void> {
    if (!timers.length) return;
    if (!em.isInTransaction())
      throw new Error('durable timers are scheduled inside the transaction of the change they belong to');
    const byKey = new Map<string, TimerInput>();
    for (const t of timers) {
      if (!this.registry.handler(t.kind))
        throw new Error(`timer kind "${t.kind}" has no @OnTimer handler declared in this process`);
      if (!t.key) throw new Error('a timer needs a key');
      if (!Number.isFinite(t.dueAt.getTime())) throw new RangeError(`timer ${t.key} has an invalid due time`);
      byKey.delete(t.key);
      byKey.set(t.key, t);
    }
    const list = [...byKey.values()];
    const earliest = Math.min(...list.map((t) => t.dueAt.getTime()));
    await sql(
      em,
      `with t as (
         insert into timers (key, kind, due_at, payload)
         select k, kd, d, p from unnest(?::text[], ?::text[], ?::timestamptz[], ?::jsonb[]) as t(k, kd, d, p)
         on conflict (key) do update
            set kind = excluded.kind, due_at = excluded.due_at, payload = excluded.payload,
                attempts = 0, last_error = null
          -- A timer set again as it is (the same close for every message of a second) is not rewritten.
          where (timers.kind, timers.due_at, timers.payload, timers.attempts)
                is distinct from (excluded.kind, excluded.due_at, excluded.payload, 0)
         returning 1)
       select pg_notify(?, ?) from (select 1) one where exists (select 1 from t)`,
      [
        list.map((t) => t.key),
        list.map((t) => t.kind),
        list.map((t) => t.dueAt.toISOString()),
        list.map((t) => JSON.stringify(t.payload ?? {})),
        TIMERS_CHANNEL,
        String(earliest),
      ],
    );
  }

  /** Removes timers by key (unknown keys are ignored), in the caller's transaction. */
  async cancel(em: EntityManager, keys: readonly string[]): Promise<void> {
    if (!keys.length) return;
    if (!em.isInTransaction())
      throw new Error('durable timers are cancelled inside the transaction of the change they belong to');
    await sql(em, `delete from timers where key = any(?::text[])`, [[...keys]]);
  }
}
