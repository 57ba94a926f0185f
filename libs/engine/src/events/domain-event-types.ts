/**
 * The domain events and their payloads. Payloads carry ids and the department (sockets will scope by it), never
 * message bodies or secrets: events are read by every subscriber and kept until pruned. They live in the engine,
 * not in libs/contracts, because the engine's publish and subscribe signatures are typed by this map and every
 * domain lib depends on the engine; contracts validates HTTP input, which these are not.
 */
export interface DomainEventPayloads {
  'message.received': { messageId: string; conversationId: string; numberId: string; departmentId: string };
  'message.sent': {
    messageId: string;
    conversationId: string;
    numberId: string;
    departmentId: string;
    /** The agent who wrote it; null for the product's own messages (auto-replies, plugins, templates by rules). */
    byUserId: string | null;
    /** Sent by the product, not a person: it does not answer the customer for response clocks. */
    automated: boolean;
  };
  'message.status': {
    messageId: string;
    conversationId: string;
    numberId: string;
    departmentId: string;
    /** Meta's status the message was raised to: sent, delivered, read, played or failed. */
    status: string;
  };
  'conversation.opened': {
    conversationId: string;
    numberId: string;
    departmentId: string;
    contactId: string;
  };
  'conversation.closed': { conversationId: string; departmentId: string; byUserId: string | null };
  'conversation.reopened': { conversationId: string; departmentId: string };
  'conversation.assigned': {
    conversationId: string;
    departmentId: string;
    userId: string;
    /** The owner before, when ownership moved from one agent to another (a take-over or a hand-over). */
    previousUserId: string | null;
    byUserId: string | null;
    reason: OwnershipReason;
  };
  'conversation.unassigned': {
    conversationId: string;
    departmentId: string;
    userId: string;
    byUserId: string | null;
    reason: OwnershipReason;
  };
  /** Owner-independent state changed: priority, labels, snooze or team (queue). */
  'conversation.updated': {
    conversationId: string;
    departmentId: string;
    changes: Array<'priority' | 'labels' | 'snooze' | 'team'>;
    /**
     * The values after the change, so subscribers that batch apply each change as it was, not the conversation's
     * state when they run. Absent on events written before they were carried (read the current state then).
     */
    priority?: 'low' | 'normal' | 'high' | 'urgent';
    /** With a `snooze` change: whether it is now snoozed (until a time or until the customer replies). */
    snoozed?: boolean;
  };
  /**
   * Routing has decided where an opened, reopened or transferred conversation goes (possibly nowhere new): published
   * once per decision, after its actions were applied in the same transaction. Assignment acts on this, not on
   * conversation.opened, so it never assigns before the rules have spoken.
   */
  'conversation.routed': {
    conversationId: string;
    departmentId: string;
    numberId: string;
    /** The rules that matched, in the order they ran (empty when none did). */
    ruleIds: string[];
    /** The request type the decision found (the triage intent), which selects the SLA policy; null when none. */
    requestType: string | null;
  };
  'conversation.transferred': {
    conversationId: string;
    fromDepartmentId: string;
    /** The department it is in now: sockets scope the event by this one. */
    departmentId: string;
    byUserId: string | null;
  };
  /** An agent's availability changed (by themselves, a supervisor, or the product: socket gone, idle, shift). */
  'agent.availability': {
    userId: string;
    status: 'online' | 'away' | 'offline';
    previousStatus: 'online' | 'away' | 'offline';
    source: 'self' | 'supervisor' | 'system';
    /** Every department where the user is an agent or supervisor: sockets of those departments are told. */
    departmentIds: string[];
  };
  'card.created': { cardId: string; conversationId: string | null; departmentId: string; stageKey: string };
  'card.moved': { cardId: string; departmentId: string; fromStageKey: string; stageKey: string };
  'card.updated': { cardId: string; departmentId: string };
  /** A conversation's SLA state changed (a clock started, paused, resumed, warned, breached or stopped). */
  'sla.updated': {
    conversationId: string;
    departmentId: string;
    /** The state after the change, as the conversation and card APIs show it (without the time left). */
    status: SlaStatus;
    warning: boolean;
    clockKind: SlaClockKind | null;
    dueAt: string | null;
  };
  /** A clock reached its warning threshold (once per clock and deadline). */
  'sla.warning': SlaDeadlinePayload;
  /** A clock passed its deadline (once per clock and deadline). */
  'sla.breached': SlaDeadlinePayload;
  /** A clock ended: the response came (met, or after its breach), the conversation closed, or its target went. */
  'sla.clock_finished': {
    clockId: string;
    conversationId: string;
    departmentId: string;
    numberId: string;
    policyId: string;
    kind: SlaClockKind;
    outcome: 'met' | 'breached' | 'cancelled';
    startedAt: string;
    finishedAt: string;
    /** Business time the clock ran (pauses excluded), in milliseconds. */
    elapsedMs: number;
    /** The agent whose reply ended it, when one did. */
    byUserId: string | null;
  };
  /** An SLA policy was edited: the live clocks under it are recomputed under it as it is now (libs/sla). */
  'sla.policy_changed': { policyId: string; departmentId: string };
  /**
   * A department's set or order of SLA policies changed (one created, deleted, switched on or off or given a new
   * match; the order set; a plugin's synced):
   * each of its open conversations selects its policy again (libs/sla).
   */
  'sla.policies_changed': {
    departmentId: string;
    change: 'created' | 'deleted' | 'edited' | 'reordered' | 'plugin_synced';
  };
  /**
   * A department's business calendar was set or had holidays imported: its live business-hours clocks are
   * recomputed under it (libs/sla).
   */
  'department.calendar_changed': { departmentId: string };
  /** The free-reply (24-hour customer service) window closes soon: a warning before it does. */
  'conversation.window_closing': {
    conversationId: string;
    departmentId: string;
    numberId: string;
    closesAt: string;
  };
  /** The free-reply window closed: replies must be templates until the customer writes again. */
  'conversation.window_closed': {
    conversationId: string;
    departmentId: string;
    numberId: string;
    closedAt: string;
  };
}

/** 🟢 we replied last (no response clock running), 🟡 the customer waits, 🔴 a deadline passed. */
export type SlaStatus = 'green' | 'yellow' | 'red';

/** What a clock measures: first and next response, resolution, and time in a stage (`stage:<key>`). */
export type SlaClockKind = 'first_response' | 'next_response' | 'resolution' | `stage:${string}`;

export interface SlaDeadlinePayload {
  clockId: string;
  conversationId: string;
  departmentId: string;
  numberId: string;
  policyId: string;
  kind: SlaClockKind;
  dueAt: string;
}

/** Why ownership changed. */
export type OwnershipReason =
  | 'claim'
  | 'auto'
  | 'manual'
  | 'take_over'
  | 'handover'
  | 'rule'
  | 'reply'
  | 'closed'
  | 'transferred'
  /** An SLA policy's escalation (return to the queue, or to a named person) on a warning or a breach. */
  | 'escalation';

export type DomainEventName = keyof DomainEventPayloads;

/** An event as published: its name and its payload. */
export type DomainEventInput = {
  [K in DomainEventName]: { name: K; payload: DomainEventPayloads[K] };
}[DomainEventName];

/** An event as a subscriber receives it: with its position in the stream and when it was published. */
export type DomainEvent = DomainEventInput & {
  /** Unique and increasing in delivery order: `<xid>:<seq>`. */
  position: string;
  occurredAt: Date;
};

const NAMES: Record<DomainEventName, true> = {
  'message.received': true,
  'message.sent': true,
  'message.status': true,
  'conversation.opened': true,
  'conversation.closed': true,
  'conversation.reopened': true,
  'conversation.assigned': true,
  'conversation.unassigned': true,
  'conversation.transferred': true,
  'conversation.updated': true,
  'conversation.routed': true,
  'agent.availability': true,
  'card.created': true,
  'card.moved': true,
  'card.updated': true,
  'sla.updated': true,
  'sla.warning': true,
  'sla.breached': true,
  'sla.clock_finished': true,
  'sla.policy_changed': true,
  'sla.policies_changed': true,
  'department.calendar_changed': true,
  'conversation.window_closing': true,
  'conversation.window_closed': true,
};

/** Every event name (the record above makes the compiler check the list is complete). */
export const DOMAIN_EVENT_NAMES = Object.keys(NAMES) as DomainEventName[];
