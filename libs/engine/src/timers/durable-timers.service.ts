import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { TimerInput } from './timer-types';

/**
 * Durable timers: rows in the database, set and cancelled inside the caller's transaction (so a deadline exists
 * exactly when the change that implies it committed), fired once by whichever worker claims them.
 */
@Injectable()
export class DurableTimers {
  /** Sets or moves timers by key, in the caller's transaction. */
  async schedule(em: EntityManager, timers: readonly TimerInput[]): Promise<void> {
    void em;
    void timers;
    throw new Error('DurableTimers.schedule is not built yet (issue 13)');
  }

  /** Removes timers by key (unknown keys are ignored), in the caller's transaction. */
  async cancel(em: EntityManager, keys: readonly string[]): Promise<void> {
    void em;
    void keys;
    throw new Error('DurableTimers.cancel is not built yet (issue 13)');
  }
}
