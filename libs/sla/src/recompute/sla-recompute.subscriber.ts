import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DomainEvent, DurableTimers, OnDomainEvent, TimerInput } from '@switchboard/engine';
import { RECOMPUTE_TIMER, RecomputePayload, RecomputeScope, recomputeKey } from './recompute-timers';

export const SLA_RECOMPUTE_SUBSCRIBER = 'sla.recompute';

/**
 * An edited policy, calendar or set of policies: schedules the first batch of its recompute, due at once. The batches run as timers
 * (one transaction each, the next one scheduled by the last) so thousands of open conversations are never locked
 * in one transaction, and a crash resumes at the last batch committed.
 */
@Injectable()
export class SlaRecomputeSubscriber {
  constructor(private readonly timers: DurableTimers) {}

  @OnDomainEvent(
    ['sla.policy_changed', 'sla.policies_changed', 'department.calendar_changed'],
    SLA_RECOMPUTE_SUBSCRIBER,
  )
  async handle(events: DomainEvent[], em: EntityManager): Promise<void> {
    const first = new Map<string, TimerInput>();
    for (const e of events) {
      const target: [RecomputeScope, string] | null =
        e.name === 'sla.policy_changed'
          ? ['policy', e.payload.policyId]
          : e.name === 'sla.policies_changed'
            ? ['department', e.payload.departmentId]
            : e.name === 'department.calendar_changed'
              ? ['calendar', e.payload.departmentId]
              : null;
      if (!target) continue;
      const [scope, id] = target;
      const key = recomputeKey(scope, id);
      const payload: RecomputePayload = { scope, id, cause: `${e.name}@${e.position}`, after: null };
      // The last edit of a batch wins: the recompute reads the policy or calendar as it is then.
      first.set(key, { kind: RECOMPUTE_TIMER, key, dueAt: e.occurredAt, payload });
    }
    if (first.size) await this.timers.schedule(em, [...first.values()]);
  }
}
