import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '../persistence/sql';
import { PluginTarget } from './plugin-hooks.service';

/** One hook call to record: which event (position), plugin and hook, and whether it worked. */
export interface HookRunRecord {
  position: string;
  pluginId: string;
  hook: string;
  target: PluginTarget;
  subjectId: string | null;
  ok: boolean;
  /** The hook's event, kept for the retry of a failed call. */
  event: Record<string, unknown>;
}

/** A failed call due for its retry. */
export interface DueHookRun {
  position: string;
  plugin_id: string;
  hook: string;
  number_id: string;
  department_id: string;
  subject_id: string | null;
  attempts: number;
  event: Record<string, unknown>;
}

/** How long a claimed retry is held from other processes: far above a call's timeout. */
const CLAIM_MS = 5 * 60_000;

/**
 * The record of plugin hook calls per domain event (plugin_hook_runs): what already ran is skipped when an event is
 * delivered again, and failed calls wait here for their retries. Records are written in their own statements, not
 * in the delivering transaction: a batch rolled back after its hooks ran must still find them done.
 */
@Injectable()
export class PluginHookRunsService {
  constructor(private readonly em: EntityManager) {}

  /** `plugin|hook|position` of every call recorded for these positions (any status: a retry is its own path). */
  async recorded(positions: string[]): Promise<Set<string>> {
    if (!positions.length) return new Set();
    const rows = await sql<{ position: string; plugin_id: string; hook: string }>(
      this.em.fork(),
      'select position, plugin_id, hook from plugin_hook_runs where position = any(?::text[])',
      [positions],
    );
    return new Set(rows.map((r) => runKey(r.plugin_id, r.hook, r.position)));
  }

  /** Records calls in one statement; a failed one is due again at `retryAt`. */
  async record(runs: HookRunRecord[], retryAt: Date): Promise<void> {
    if (!runs.length) return;
    const params: unknown[] = [];
    const values = runs.map((r) => {
      params.push(
        r.position,
        r.pluginId,
        r.hook,
        r.target.numberId,
        r.target.departmentId,
        r.subjectId,
        r.ok ? 'done' : 'retrying',
        r.ok ? null : retryAt,
        r.ok ? null : JSON.stringify(r.event),
      );
      return '(?, ?, ?, ?::uuid, ?::uuid, ?, ?, 1, ?::timestamptz, ?::jsonb)';
    });
    await sql(
      this.em.fork(),
      `insert into plugin_hook_runs (position, plugin_id, hook, number_id, department_id, subject_id, status,
                                     attempts, retry_at, event)
       values ${values.join(', ')} on conflict do nothing`,
      params,
    );
  }

  /** Claims up to `limit` failed calls due at `now` (skipping those another process holds). */
  claimDue(now: Date, limit: number): Promise<DueHookRun[]> {
    return sql<DueHookRun>(
      this.em.fork(),
      `update plugin_hook_runs r set retry_at = ?::timestamptz + make_interval(secs => ?::float / 1000), updated_at = now()
         from (select position, plugin_id, hook from plugin_hook_runs
                where status = 'retrying' and retry_at <= ?::timestamptz
                order by retry_at limit ? for update skip locked) due
        where (r.position, r.plugin_id, r.hook) = (due.position, due.plugin_id, due.hook)
        returning r.position, r.plugin_id, r.hook, r.number_id, r.department_id, r.subject_id, r.attempts, r.event`,
      [now, CLAIM_MS, now, limit],
    );
  }

  /** A retry's outcome: done, due again at `retryAt`, or out of attempts (null). */
  async settle(run: DueHookRun, ok: boolean, retryAt: Date | null): Promise<void> {
    await sql(
      this.em.fork(),
      `update plugin_hook_runs set attempts = attempts + 1, updated_at = now(),
              status = ?, retry_at = ?::timestamptz, event = case when ? then event else null end
        where position = ? and plugin_id = ? and hook = ?`,
      [
        ok ? 'done' : retryAt ? 'retrying' : 'failed',
        ok ? null : retryAt,
        !ok && retryAt !== null,
        run.position,
        run.plugin_id,
        run.hook,
      ],
    );
  }

  /** Deletes records older than `hours` that wait for nothing (the events they dedupe are pruned by then too). */
  async prune(hours: number): Promise<number> {
    const rows = await sql(
      this.em.fork(),
      `delete from plugin_hook_runs where status <> 'retrying'
          and created_at < now() - make_interval(secs => ?::float * 3600) returning 1`,
      [hours],
    );
    return rows.length;
  }
}

/** The key `recorded` answers with. */
export const runKey = (pluginId: string, hook: string, position: string): string =>
  `${pluginId}|${hook}|${position}`;
