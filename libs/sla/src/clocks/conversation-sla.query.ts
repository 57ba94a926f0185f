import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, NotFoundException } from '@nestjs/common';
import { ConversationOwnershipService } from '@switchboard/conversations';
import { Clock, sql } from '@switchboard/engine';
import type { SlaClockKind } from '@switchboard/engine';
import { AccessScope } from '@switchboard/identity';
import { ClockContextFactory } from './clock-context.factory';
import { elapsedAt } from './clock-math';
import type { ClockTransition } from './sla-clock';
import { SlaClockRepository } from './sla-clock.repository';
import type { ConversationSlaView } from './sla-clocks.view';

/**
 * A clock paused and resumed by every customer message could gather transitions without end: the view keeps each
 * clock's latest ones (its figures are the clock's own, so nothing else is lost) and says when it dropped some.
 */
export const TRANSITIONS_PER_CLOCK = 500;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** A conversation's clocks and the transitions they went through (the latest 500 each), within the reader's departments. */
@Injectable()
export class ConversationSlaQuery {
  constructor(
    private readonly em: EntityManager,
    private readonly ownership: ConversationOwnershipService,
    private readonly scope: AccessScope,
    private readonly clocks: SlaClockRepository,
    private readonly contexts: ClockContextFactory,
    private readonly clock: Clock,
  ) {}

  async get(conversationId: string): Promise<ConversationSlaView> {
    const em = this.em.fork();
    const state = await this.ownership.state(em, conversationId);
    if (!state) throw new NotFoundException(`conversation ${conversationId} not found`);
    this.scope.assertIn('conversations.read', state.departmentId, `conversation ${conversationId}`);
    const clocks = await this.clocks.ofConversation(em, conversationId);
    const transitions = await sql<{
      clock_id: string;
      kind: string;
      at: Date;
      transition: ClockTransition;
      cause: string;
      elapsed_ms: string;
      due_at: Date | null;
      dropped: string;
    }>(
      em,
      `select t.clock_id, k.kind, t.at, t.transition, t.cause, t.elapsed_ms, t.due_at, t.dropped
         from (select *, count(*) over (partition by clock_id) - ? as dropped,
                      row_number() over (partition by clock_id order by id desc) as newest
                 from sla_clock_transitions where conversation_id = ?) t
         join sla_clocks k on k.id = t.clock_id
        where t.newest <= ? order by t.id`,
      [TRANSITIONS_PER_CLOCK, conversationId, TRANSITIONS_PER_CLOCK],
    );
    const context = this.contexts.create(em);
    const now = this.clock.now();
    const views = [];
    for (const c of clocks)
      views.push({
        id: c.id,
        kind: c.kind,
        state: c.state,
        policyId: c.policyId,
        departmentId: c.departmentId,
        businessHours: c.businessHours,
        startedAt: c.startedAt.toISOString(),
        elapsedMs: elapsedAt(c, await context.basis(c.departmentId, c.businessHours), now),
        targetMs: c.targetMs,
        warnMs: c.warnMs,
        dueAt: iso(c.dueAt),
        warnAt: iso(c.warnAt),
        warnedAt: iso(c.warnedAt),
        breachedAt: iso(c.breachedAt),
        finishedAt: iso(c.finishedAt),
        byUserId: c.byUserId,
      });
    return {
      conversationId,
      clocks: views,
      truncated: transitions.some((t) => Number(t.dropped) > 0),
      transitions: transitions.map((t) => ({
        clockId: t.clock_id,
        kind: t.kind as SlaClockKind,
        at: new Date(t.at).toISOString(),
        transition: t.transition,
        cause: t.cause,
        elapsedMs: Number(t.elapsed_ms),
        dueAt: t.due_at ? new Date(t.due_at).toISOString() : null,
      })),
    };
  }
}
