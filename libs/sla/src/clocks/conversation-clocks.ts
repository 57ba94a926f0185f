import type { SlaClockKind } from '@switchboard/engine';
import { uuidv7 } from '@switchboard/engine';
import { ClockFigures, finished, paused, recomputed, resumed, started } from './clock-math';
import { ClockEffects } from './clock-effects';
import { ClockPolicy, targetOf } from './clock-policy';
import { isLive, isResponse, isStage, SlaClock } from './sla-clock';
import type { SlaConversation } from './sla-conversation.repository';
import type { TimeBasis } from './time-basis';

/** What the clocks ask of the rest of the product while applying events. */
export interface ClockContext {
  /** The policy that applies to the conversation as it is now (department, number, priority, request type). */
  policy(conversation: SlaConversation): Promise<ClockPolicy | null>;
  /** How a clock of this policy counts time in this department: its business calendar, or the wall clock. */
  basis(departmentId: string, businessHours: boolean): Promise<TimeBasis>;
}

/** Why something happened: the domain event (`name@position`) or timer key, and its instant. */
export interface Cause {
  at: Date;
  cause: string;
}

/**
 * One conversation's clocks while a batch of its events is applied: each method is one fact (the customer wrote,
 * a person replied, the card moved, the policy changed…) and turns into clock transitions, each recorded with its
 * cause, and into the timers and events they imply (collected in `effects`).
 */
export class ConversationClocks {
  constructor(
    readonly conversation: SlaConversation,
    private readonly clocks: SlaClock[],
    private readonly context: ClockContext,
    private readonly effects: ClockEffects,
  ) {}

  private live(): SlaClock[] {
    return this.clocks.filter(isLive);
  }

  private liveOf(match: (kind: SlaClockKind) => boolean): SlaClock | undefined {
    return this.live().find((c) => match(c.kind));
  }

  /** Response and resolution clocks pause while waiting on the customer or snoozed; time in a stage keeps counting. */
  private pausable(): SlaClock[] {
    return this.live().filter((c) => !isStage(c.kind));
  }

  private get pausedNow(): boolean {
    return this.conversation.inWaitingStage || this.conversation.snoozed;
  }

  /** The customer wrote: resumes what waited on them, starts the response clock when none runs. */
  async customerWrote(c: Cause): Promise<void> {
    const conv = this.conversation;
    conv.customerWaitingSince ??= c.at;
    if (conv.status === 'closed') return;
    if (conv.inWaitingStage || conv.snoozed) {
      // "Resumed on the customer's reply", whatever paused it.
      conv.inWaitingStage = false;
      conv.snoozed = false;
      for (const clock of this.pausable()) await this.resume(clock, c);
    }
    if (conv.policyId) await this.startResponse(c, c.at);
  }

  /** A reply went out: a person's answers the running response clock; the product's own answers nothing. */
  async replied(c: Cause, byUserId: string | null, automated: boolean): Promise<void> {
    if (automated) return;
    this.conversation.agentReplied = true;
    this.conversation.customerWaitingSince = null;
    const response = this.liveOf(isResponse);
    if (response) await this.finish(response, 'met', c, byUserId);
  }

  /**
   * Routing decided (opened, reopened or transferred): the policy is selected for the conversation as it is now;
   * running clocks are recomputed under it, and the resolution and response clocks start when none is live.
   */
  async routed(c: Cause, departmentId: string, requestType: string | null): Promise<void> {
    const conv = this.conversation;
    conv.departmentId = departmentId;
    conv.requestType = requestType;
    conv.status = 'open';
    const policy = await this.reselect(c);
    if (policy) await this.startMissing(c, policy);
  }

  /**
   * The department's set or order of policies changed: an open conversation selects its policy again, its live clocks
   * are recomputed under it, and the clocks it asks for that none runs start as a routing decision starts them.
   */
  async policiesChanged(c: Cause): Promise<void> {
    if (this.conversation.status !== 'open') return;
    const policy = await this.reselect(c);
    if (policy) await this.startMissing(c, policy);
  }

  private async startMissing(c: Cause, policy: ClockPolicy): Promise<void> {
    const conv = this.conversation;
    const since = conv.customerWaitingSince ?? c.at;
    if (!this.liveOf((k) => k === 'resolution')) await this.start('resolution', policy, c, since);
    if (conv.customerWaitingSince) await this.startResponse(c, conv.customerWaitingSince);
    if (conv.stageKey && !this.liveOf((k) => k === `stage:${conv.stageKey}`))
      await this.start(`stage:${conv.stageKey}`, policy, c, c.at);
  }

  /** Priority or department changed: the policy is selected again and the live clocks recomputed, not restarted. */
  async changed(c: Cause, change: { priority?: string; departmentId?: string }): Promise<void> {
    if (change.priority !== undefined) this.conversation.priority = change.priority;
    if (change.departmentId !== undefined) this.conversation.departmentId = change.departmentId;
    await this.reselect(c);
  }

  /**
   * The department's calendar changed: its running business-hours clocks count on under the new one from `c.at`
   * (it also counts the time since they last resumed); paused ones take it when they resume. A breach stays.
   */
  async calendarChanged(c: Cause, departmentId: string): Promise<void> {
    for (const clock of this.live()) {
      if (clock.state !== 'running' || !clock.businessHours || clock.departmentId !== departmentId) continue;
      const basis = await this.basisOf(clock);
      const target = { targetMs: clock.targetMs, warnMs: clock.warnMs };
      this.apply(clock, recomputed(clock, target, c.at, basis, basis));
      this.record(clock, 'recomputed', c);
    }
  }

  /** Snoozed or woken. */
  async snoozed(c: Cause, snoozed: boolean): Promise<void> {
    const before = this.pausedNow;
    this.conversation.snoozed = snoozed;
    await this.pauseOrResume(c, before);
  }

  /** The card entered a stage: the previous stage's clock ends, the new one's starts; a waiting stage pauses. */
  async cardEntered(c: Cause, stageKey: string, waiting: boolean): Promise<void> {
    const conv = this.conversation;
    const previous = conv.stageKey;
    conv.stageKey = stageKey;
    if (previous !== stageKey) {
      const left = this.liveOf((k) => k === `stage:${previous}`);
      if (left) await this.finish(left, 'met', c, null);
    }
    const before = this.pausedNow;
    conv.inWaitingStage = waiting;
    await this.pauseOrResume(c, before);
    if (conv.policyId && conv.status === 'open' && !this.liveOf((k) => k === `stage:${stageKey}`)) {
      const policy = await this.context.policy(conv);
      if (policy) await this.start(`stage:${stageKey}`, policy, c, c.at);
    }
  }

  /** Closed: every clock ends now (nothing counts after); the resolution clock is met (or late). */
  async closed(c: Cause): Promise<void> {
    this.conversation.status = 'closed';
    // Closed unanswered, the wait is over: a reopen's clocks start from the customer's next message, not this one.
    this.conversation.customerWaitingSince = null;
    for (const clock of this.live())
      await this.finish(clock, clock.kind === 'resolution' ? 'met' : 'stopped', c, null);
  }

  /**
   * Reopened: nothing starts here. The routing decision that follows every reopen starts a new resolution clock
   * (and a response clock when the customer is waiting): a reopened conversation is a new promise to keep.
   */
  reopened(): void {
    this.conversation.status = 'open';
  }

  private async pauseOrResume(c: Cause, before: boolean): Promise<void> {
    const now = this.pausedNow;
    if (before === now) return;
    for (const clock of this.pausable())
      if (now && clock.state === 'running') await this.pause(clock, c);
      else if (!now && clock.state === 'paused') await this.resume(clock, c);
  }

  private async startResponse(c: Cause, since: Date): Promise<void> {
    if (this.liveOf(isResponse) || this.conversation.status === 'closed') return;
    const policy = await this.context.policy(this.conversation);
    if (!policy) return;
    await this.start(this.conversation.agentReplied ? 'next_response' : 'first_response', policy, c, since);
  }

  /** Selects the policy again; live clocks follow it (recomputed, or stopped when it sets no target for them). */
  private async reselect(c: Cause): Promise<ClockPolicy | null> {
    const conv = this.conversation;
    const policy = await this.context.policy(conv);
    conv.policyId = policy?.id ?? null;
    for (const clock of this.live()) {
      const target = policy ? targetOf(policy, clock.kind) : null;
      if (!policy || !target) {
        await this.finish(clock, 'stopped', c, null);
        continue;
      }
      if (
        clock.policyId === policy.id &&
        clock.departmentId === conv.departmentId &&
        clock.businessHours === policy.businessHours &&
        clock.targetMs === target.targetMs &&
        clock.warnMs === target.warnMs
      )
        continue;
      const before = await this.basisOf(clock);
      const after = await this.context.basis(conv.departmentId, policy.businessHours);
      this.apply(clock, recomputed(clock, target, c.at, before, after));
      clock.policyId = policy.id;
      clock.departmentId = conv.departmentId;
      clock.businessHours = policy.businessHours;
      this.record(clock, 'recomputed', c);
    }
    return policy;
  }

  private async start(kind: SlaClockKind, policy: ClockPolicy, c: Cause, since: Date): Promise<void> {
    const target = targetOf(policy, kind);
    if (!target) return;
    const conv = this.conversation;
    const basis = await this.context.basis(conv.departmentId, policy.businessHours);
    const clock: SlaClock = {
      ...started(target, since, basis),
      id: uuidv7(),
      conversationId: conv.conversationId,
      departmentId: conv.departmentId,
      numberId: conv.numberId,
      policyId: policy.id,
      kind,
      businessHours: policy.businessHours,
      startedAt: since,
      warnedAt: null,
      breachedAt: null,
      finishedAt: null,
      byUserId: null,
    };
    this.clocks.push(clock);
    this.effects.created(clock);
    this.record(clock, 'started', { ...c, at: since });
    this.effects.deadlines(clock);
    if (this.pausedNow && !isStage(kind)) await this.pause(clock, c);
  }

  private async pause(clock: SlaClock, c: Cause): Promise<void> {
    this.apply(clock, paused(clock, c.at, await this.basisOf(clock)));
    this.record(clock, 'paused', c);
  }

  private async resume(clock: SlaClock, c: Cause): Promise<void> {
    if (clock.state !== 'paused') return;
    this.apply(clock, resumed(clock, c.at, await this.basisOf(clock)));
    this.record(clock, 'resumed', c);
  }

  /**
   * Ends a clock. `met`: its answer came (late when it had breached); `stopped`: its reason went (closed while the
   * customer waited, no target any more). sla.clock_finished says met, breached or cancelled.
   */
  private async finish(
    clock: SlaClock,
    how: 'met' | 'stopped',
    c: Cause,
    byUserId: string | null,
  ): Promise<void> {
    const state = how === 'met' ? (clock.breachedAt ? 'breached' : 'met') : 'stopped';
    this.apply(clock, finished(clock, state, c.at, await this.basisOf(clock)));
    clock.finishedAt = c.at;
    clock.byUserId = byUserId;
    this.record(clock, how, c);
    this.effects.events.push({
      name: 'sla.clock_finished',
      payload: {
        clockId: clock.id,
        conversationId: clock.conversationId,
        departmentId: clock.departmentId,
        numberId: clock.numberId,
        policyId: clock.policyId,
        kind: clock.kind,
        outcome: clock.breachedAt ? 'breached' : how === 'met' ? 'met' : 'cancelled',
        startedAt: clock.startedAt.toISOString(),
        finishedAt: c.at.toISOString(),
        elapsedMs: clock.elapsedMs,
        byUserId,
      },
    });
  }

  private basisOf(clock: SlaClock): Promise<TimeBasis> {
    return this.context.basis(clock.departmentId, clock.businessHours);
  }

  private apply(clock: SlaClock, figures: ClockFigures): void {
    Object.assign(clock, figures);
    this.effects.changed(clock);
    this.effects.deadlines(clock);
  }

  private record(clock: SlaClock, transition: SlaClockTransition, c: Cause): void {
    this.effects.transitions.push({
      clockId: clock.id,
      conversationId: clock.conversationId,
      at: c.at,
      transition,
      cause: c.cause,
      elapsedMs: clock.elapsedMs,
      dueAt: clock.dueAt,
    });
  }
}

type SlaClockTransition = 'started' | 'paused' | 'resumed' | 'met' | 'stopped' | 'recomputed';
