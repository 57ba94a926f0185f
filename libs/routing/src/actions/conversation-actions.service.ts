import { EntityManager } from '@mikro-orm/postgresql';
import { ConflictException, Injectable } from '@nestjs/common';
import { AssignmentService } from '@switchboard/assignment';
import { ConversationOwnershipService } from '@switchboard/conversations';
import { Clock } from '@switchboard/engine';
import { teamInDepartment } from '@switchboard/identity';
import type { RoutingRule } from '../rules/routing-rule';
import { ActionOutcome, errorMessage } from './action-outcome';
import { ruleActor } from './rule-actor';

/** SQLSTATEs of a deadlock and a serialization failure. */
const RETRY_CODES = new Set(['40P01', '40001']);

export interface ConversationTarget {
  id: string;
  departmentId: string;
  windowExpiresAt: Date | null;
}

/**
 * A rule's actions on the conversation itself (transfer, team, priority, labels, skills, assignment), in the
 * decision's transaction. Each runs in a savepoint, so a refusal (an agent at capacity, an unknown team) is
 * recorded and the others still apply; nothing is thrown.
 */
@Injectable()
export class ConversationActions {
  constructor(
    private readonly ownership: ConversationOwnershipService,
    private readonly assignment: AssignmentService,
    private readonly clock: Clock,
  ) {}

  async apply(
    em: EntityManager,
    rule: RoutingRule,
    conversation: ConversationTarget,
    options: { transfers: boolean },
  ): Promise<{ outcomes: ActionOutcome[]; transferredTo: string | null }> {
    const outcomes: ActionOutcome[] = [];
    const actor = ruleActor(rule);
    const a = rule.actions;
    let transferredTo: string | null = null;
    if (a.transfer) {
      const to = a.transfer.departmentId;
      if (!options.transfers)
        outcomes.push({
          action: 'transfer',
          outcome: 'skipped',
          value: to,
          detail: 'rules run after a transfer do not transfer again',
        });
      else {
        const windowOpen =
          conversation.windowExpiresAt !== null && conversation.windowExpiresAt > this.clock.now();
        const note = windowOpen
          ? `transferred by routing rule "${rule.name}"`
          : `transferred by routing rule "${rule.name}": the 24-hour window is closed, continue with a template`;
        const outcome = await this.attempt(em, 'transfer', to, (tx) =>
          this.ownership.transfer(tx, conversation.id, to, actor, note),
        );
        if (!windowOpen && outcome.outcome === 'applied')
          outcome.detail =
            'the 24-hour window is closed: the receiving department must continue with a template';
        outcomes.push(outcome);
        if (outcome.outcome === 'applied') transferredTo = to;
      }
    }
    const afterTransfer = (action: string, value: unknown): boolean => {
      if (!transferredTo) return false;
      outcomes.push({
        action,
        outcome: 'skipped',
        value,
        detail: "transferred: the receiving department's rules decide",
      });
      return true;
    };
    if (a.team && !afterTransfer('team', a.team.teamId)) {
      const teamId = a.team.teamId;
      outcomes.push(
        await this.attempt(em, 'team', teamId, (tx) =>
          this.ownership.setTeam(tx, conversation.id, teamId, actor),
        ),
      );
    }
    if (a.teamName && !afterTransfer('team', a.teamName)) {
      const name = a.teamName;
      const team = await teamInDepartment(em, conversation.departmentId, { name });
      outcomes.push(
        team
          ? await this.attempt(em, 'team', name, (tx) =>
              this.ownership.setTeam(tx, conversation.id, team.id, actor),
            )
          : {
              action: 'team',
              outcome: 'skipped',
              value: name,
              detail: `the department has no team named "${name}"`,
            },
      );
    }
    if (a.priority) {
      const priority = a.priority;
      outcomes.push(
        await this.attempt(em, 'priority', priority, (tx) =>
          this.ownership.setPriority(tx, conversation.id, priority, actor),
        ),
      );
    }
    if (a.labels) {
      const add = a.labels.add;
      outcomes.push(
        await this.attempt(em, 'labels', add, (tx) =>
          this.ownership.changeLabels(tx, conversation.id, { add }, actor),
        ),
      );
    }
    if (a.requireSkills && !afterTransfer('requireSkills', a.requireSkills)) {
      const requiredSkills = a.requireSkills;
      outcomes.push(
        await this.attempt(em, 'requireSkills', requiredSkills, (tx) =>
          this.ownership.setRequirements(tx, conversation.id, { requiredSkills }, actor),
        ),
      );
    }
    if (a.assign && !afterTransfer('assign', a.assign.userId)) {
      const userId = a.assign.userId;
      outcomes.push(
        await this.attempt(em, 'assign', userId, (tx) =>
          this.assignment.assignTo(tx, conversation.id, userId, actor, 'rule'),
        ),
      );
    }
    return { outcomes, transferredTo };
  }

  /** Runs one action in a savepoint: a refusal rolls back that action alone and is recorded. */
  private async attempt(
    em: EntityManager,
    action: string,
    value: unknown,
    run: (tx: EntityManager) => Promise<unknown>,
  ): Promise<ActionOutcome> {
    try {
      await em.transactional((tx) => run(tx));
      return { action, outcome: 'applied', value };
    } catch (e) {
      // A deadlock or serialization failure is no refusal: the whole decision fails and delivery retries it.
      if (RETRY_CODES.has((e as { code?: unknown })?.code as string)) throw e;
      // A rule never takes a conversation from its owner: noted, not refused.
      if (e instanceof ConflictException && (e.getResponse() as { code?: string }).code === 'already_owned')
        return { action, outcome: 'skipped', value, detail: errorMessage(e) };
      return { action, outcome: 'refused', value, detail: errorMessage(e) };
    }
  }
}
