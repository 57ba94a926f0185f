/**
 * The domain events and their payloads. Payloads carry ids and the department (sockets will scope by it), never
 * message bodies or secrets: events are read by every subscriber and kept until pruned. They live in the engine,
 * not in libs/contracts, because the engine's publish and subscribe signatures are typed by this map and every
 * domain lib depends on the engine; contracts validates HTTP input, which these are not.
 */
export interface DomainEventPayloads {
  'message.received': { messageId: string; conversationId: string; numberId: string; departmentId: string };
  'message.sent': { messageId: string; conversationId: string; numberId: string; departmentId: string };
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
    byUserId: string | null;
  };
  'conversation.unassigned': {
    conversationId: string;
    departmentId: string;
    userId: string;
    byUserId: string | null;
  };
  'conversation.transferred': {
    conversationId: string;
    fromDepartmentId: string;
    /** The department it is in now: sockets scope the event by this one. */
    departmentId: string;
    byUserId: string | null;
  };
  'card.created': { cardId: string; conversationId: string | null; departmentId: string; stageKey: string };
  'card.moved': { cardId: string; departmentId: string; fromStageKey: string; stageKey: string };
  'card.updated': { cardId: string; departmentId: string };
}

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
  'card.created': true,
  'card.moved': true,
  'card.updated': true,
};

/** Every event name (the record above makes the compiler check the list is complete). */
export const DOMAIN_EVENT_NAMES = Object.keys(NAMES) as DomainEventName[];
