import type { DomainEvent } from '../events/domain-event-types';
import type { RealtimeEvent } from './realtime-event';

/**
 * The socket event a domain event becomes: what screens need to update (the ids and the department, never bodies:
 * a client reads the record through the API, under its own access). `change` says which domain event it was.
 */
export function socketEventsFor(event: DomainEvent): RealtimeEvent[] {
  // An edited policy or calendar is answered by its own API; the clocks it moves publish sla.updated.
  if (
    event.name === 'sla.policy_changed' ||
    event.name === 'sla.policies_changed' ||
    event.name === 'department.calendar_changed'
  )
    return [];
  // An agent belongs to several departments: each of their rooms is told, and no other.
  if (event.name === 'agent.availability')
    return event.payload.departmentIds.map((departmentId) => ({
      departmentId,
      type: 'agent.availability',
      data: { change: event.name, ...event.payload, departmentIds: undefined },
    }));
  // The department it left must drop it from its lists: ids only, and not its conversation room (the new
  // department's audience), so nothing of where it went beyond the id reaches sockets that can no longer read it.
  if (event.name === 'conversation.transferred')
    return [
      socketEventFor(event),
      {
        departmentId: event.payload.fromDepartmentId,
        type: 'conversation.updated',
        data: {
          change: event.name,
          conversationId: event.payload.conversationId,
          fromDepartmentId: event.payload.fromDepartmentId,
        },
      },
    ];
  return [socketEventFor(event)];
}

function socketEventFor(
  event: Exclude<
    DomainEvent,
    {
      name:
        'agent.availability' | 'sla.policy_changed' | 'sla.policies_changed' | 'department.calendar_changed';
    }
  >,
): RealtimeEvent {
  const base = { departmentId: event.payload.departmentId };
  switch (event.name) {
    case 'message.received':
    case 'message.sent':
      return {
        ...base,
        type: 'message.created',
        conversationId: event.payload.conversationId,
        data: { change: event.name, ...event.payload },
      };
    case 'message.status':
      return {
        ...base,
        type: 'message.status',
        conversationId: event.payload.conversationId,
        data: { change: event.name, ...event.payload },
      };
    case 'conversation.opened':
      return {
        ...base,
        type: 'conversation.created',
        conversationId: event.payload.conversationId,
        data: { change: event.name, ...event.payload },
      };
    case 'conversation.assigned':
      // The new owner and the previous one (told of a take-over) hear of it in their own rooms too.
      return {
        ...base,
        type: 'conversation.updated',
        conversationId: event.payload.conversationId,
        userIds: [event.payload.userId, event.payload.previousUserId].filter((u): u is string => !!u),
        data: { change: event.name, ...event.payload },
      };
    case 'conversation.unassigned':
      return {
        ...base,
        type: 'conversation.updated',
        conversationId: event.payload.conversationId,
        userIds: [event.payload.userId],
        data: { change: event.name, ...event.payload },
      };
    case 'conversation.closed':
    case 'conversation.reopened':
    case 'conversation.transferred':
    case 'conversation.updated':
    case 'conversation.routed':
    case 'conversation.window_closing':
    case 'conversation.window_closed':
    case 'sla.updated':
    case 'sla.warning':
    case 'sla.breached':
    case 'sla.clock_finished':
      return {
        ...base,
        type: 'conversation.updated',
        conversationId: event.payload.conversationId,
        data: { change: event.name, ...event.payload },
      };
    case 'card.created':
      return {
        ...base,
        type: 'card.updated',
        conversationId: event.payload.conversationId ?? undefined,
        data: { change: event.name, ...event.payload },
      };
    case 'card.moved':
    case 'card.updated':
      return { ...base, type: 'card.updated', data: { change: event.name, ...event.payload } };
  }
}
