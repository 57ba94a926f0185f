import { EntityManager } from '@mikro-orm/postgresql';
import { HttpException, Injectable } from '@nestjs/common';
import { AssignmentService } from '@switchboard/assignment';
import {
  ConversationOwnershipService,
  ConversationPriority,
  OwnershipActor,
  OwnershipState,
} from '@switchboard/conversations';
import { sql } from '@switchboard/engine';
import { CardTimelineService } from '@switchboard/pipelines';
import {
  SlaEscalationFiring,
  SlaEscalationPolicy,
  SlaEscalationRule,
  watches,
} from './sla-escalation-firing';

const PRIORITIES: readonly ConversationPriority[] = ['low', 'normal', 'high', 'urgent'];

/** What one escalation did, as its timeline line says. */
interface Outcome {
  outcome: 'applied' | 'skipped' | 'refused';
  reason?: string;
  [detail: string]: unknown;
}

const actorOf = (policy: SlaEscalationPolicy): OwnershipActor => ({
  type: 'system',
  id: null,
  label: `SLA policy ${policy.name}`,
});

/**
 * Runs a policy's escalations when one of its clocks warns or breaches: raise the priority one step, return the
 * conversation to its queue, or give it to a named person. Each goes through the owning library's service (which
 * publishes the change) and writes an `sla` line on the card timeline naming the policy, the clock and the action.
 * A refusal (the person cannot take it) is written down, never thrown: the firing itself must still commit.
 * Applied at most once per clock and threshold: a row in sla_escalations_applied is claimed first.
 */
@Injectable()
export class SlaEscalations {
  constructor(
    private readonly ownership: ConversationOwnershipService,
    private readonly assignment: AssignmentService,
    private readonly timeline: CardTimelineService,
  ) {}

  /** Returns the escalations that ran (empty when none matched or they already ran for this clock and threshold). */
  async apply(em: EntityManager, firing: SlaEscalationFiring): Promise<SlaEscalationRule[]> {
    const rules = firing.policy.escalations.filter(
      (e) => e.on === firing.on && watches(e.clock, firing.kind),
    );
    if (!rules.length) return [];
    const claimed = await sql<{ clock_id: string }>(
      em,
      `insert into sla_escalations_applied (clock_id, "on", conversation_id, policy_id, actions)
       values (?, ?, ?, ?, ?::jsonb) on conflict do nothing returning clock_id`,
      [
        firing.clockId,
        firing.on,
        firing.conversationId,
        firing.policy.id,
        JSON.stringify(rules.map((r) => r.action)),
      ],
    );
    if (!claimed.length) return [];
    for (const rule of rules) {
      const outcome = await this.run(em, firing, rule);
      await this.timeline.append(em, firing.conversationId, {
        kind: 'sla',
        actor: actorOf(firing.policy),
        data: {
          policyId: firing.policy.id,
          policyName: firing.policy.name,
          clockId: firing.clockId,
          clockKind: firing.kind,
          on: firing.on,
          action: rule.action,
          ...outcome,
        },
      });
    }
    return rules;
  }

  private async run(
    em: EntityManager,
    firing: SlaEscalationFiring,
    rule: SlaEscalationRule,
  ): Promise<Outcome> {
    const state = await this.ownership.state(em, firing.conversationId);
    if (!state) return { outcome: 'skipped', reason: 'the conversation no longer exists' };
    if (state.status !== 'open') return { outcome: 'skipped', reason: 'the conversation is closed' };
    switch (rule.action) {
      case 'raise_priority':
        return this.raisePriority(em, state, firing.policy);
      case 'return_to_queue':
        return this.returnToQueue(em, state, firing.policy);
      case 'assign_user':
        return this.assignUser(em, state, firing.policy, rule.userId ?? null);
    }
  }

  private async raisePriority(
    em: EntityManager,
    state: OwnershipState,
    policy: SlaEscalationPolicy,
  ): Promise<Outcome> {
    // The step is taken from the priority as it is under the row lock, so a concurrent change is not undone.
    const current = (await this.ownership.lock(em, state.conversationId)) ?? state;
    const next = PRIORITIES[PRIORITIES.indexOf(current.priority) + 1];
    if (!next) return { outcome: 'skipped', reason: 'already urgent', priority: current.priority };
    await this.ownership.setPriority(em, current.conversationId, next, actorOf(policy));
    return { outcome: 'applied', priority: next, previous: current.priority };
  }

  private async returnToQueue(
    em: EntityManager,
    state: OwnershipState,
    policy: SlaEscalationPolicy,
  ): Promise<Outcome> {
    if (!state.ownerUserId)
      return { outcome: 'skipped', reason: 'nobody owns it: it is already in the queue' };
    const done = await this.ownership.setOwner(em, state.conversationId, null, {
      expectedOwnerUserId: state.ownerUserId,
      reason: 'escalation',
      by: actorOf(policy),
    });
    return done
      ? { outcome: 'applied', previousUserId: state.ownerUserId }
      : { outcome: 'skipped', reason: 'its owner changed meanwhile' };
  }

  private async assignUser(
    em: EntityManager,
    state: OwnershipState,
    policy: SlaEscalationPolicy,
    userId: string | null,
  ): Promise<Outcome> {
    if (!userId) return { outcome: 'refused', reason: 'the escalation names nobody to assign' };
    if (state.ownerUserId === userId) return { outcome: 'skipped', reason: 'already theirs', userId };
    try {
      await this.assignment.assignTo(em, state.conversationId, userId, actorOf(policy), 'escalation');
      return { outcome: 'applied', userId, previousUserId: state.ownerUserId };
    } catch (error) {
      // Role, capacity and closed refusals are the assignment library's word: say why on the timeline.
      if (!(error instanceof HttpException)) throw error;
      return { outcome: 'refused', userId, reason: refusalOf(error) };
    }
  }
}

/** The refusal's message (and code), from a Nest HTTP exception's body. */
function refusalOf(error: HttpException): string {
  const body = error.getResponse();
  if (typeof body === 'string') return body;
  const { message, code } = body as { message?: unknown; code?: unknown };
  const text = typeof message === 'string' ? message : error.message;
  return typeof code === 'string' ? `${code}: ${text}` : text;
}
