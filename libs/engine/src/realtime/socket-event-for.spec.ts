import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../events/domain-event-types';
import { socketEventsFor } from './socket-event-for';

const D = '11111111-1111-7111-8111-111111111111';
const C = '22222222-2222-7222-8222-222222222222';
const at = { position: '10:1', occurredAt: new Date(0) };

/** Written by hand from the socket events: which screen event each domain event becomes, and its rooms. */
describe('socketEventsFor', () => {
  const cases: [DomainEvent, string, string | undefined][] = [
    [
      {
        ...at,
        name: 'message.received',
        payload: { messageId: 'm', conversationId: C, numberId: 'n', departmentId: D },
      },
      'message.created',
      C,
    ],
    [
      {
        ...at,
        name: 'message.sent',
        payload: {
          messageId: 'm',
          conversationId: C,
          numberId: 'n',
          departmentId: D,
          byUserId: null,
          automated: false,
        },
      },
      'message.created',
      C,
    ],
    [
      {
        ...at,
        name: 'message.status',
        payload: { messageId: 'm', conversationId: C, numberId: 'n', departmentId: D, status: 'read' },
      },
      'message.status',
      C,
    ],
    [
      {
        ...at,
        name: 'conversation.opened',
        payload: { conversationId: C, numberId: 'n', departmentId: D, contactId: 'k' },
      },
      'conversation.created',
      C,
    ],
    [
      { ...at, name: 'conversation.closed', payload: { conversationId: C, departmentId: D, byUserId: null } },
      'conversation.updated',
      C,
    ],
    [
      { ...at, name: 'conversation.reopened', payload: { conversationId: C, departmentId: D } },
      'conversation.updated',
      C,
    ],
    [
      {
        ...at,
        name: 'conversation.assigned',
        payload: {
          conversationId: C,
          departmentId: D,
          userId: 'u',
          previousUserId: null,
          byUserId: null,
          reason: 'auto',
        },
      },
      'conversation.updated',
      C,
    ],
    [
      {
        ...at,
        name: 'conversation.unassigned',
        payload: { conversationId: C, departmentId: D, userId: 'u', byUserId: 'v', reason: 'manual' },
      },
      'conversation.updated',
      C,
    ],
    [
      {
        ...at,
        name: 'conversation.transferred',
        payload: { conversationId: C, fromDepartmentId: 'old', departmentId: D, byUserId: null },
      },
      'conversation.updated',
      C,
    ],
    [
      {
        ...at,
        name: 'card.created',
        payload: { cardId: 'c', conversationId: C, departmentId: D, stageKey: 'new' },
      },
      'card.updated',
      C,
    ],
    [
      {
        ...at,
        name: 'card.created',
        payload: { cardId: 'c', conversationId: null, departmentId: D, stageKey: 'new' },
      },
      'card.updated',
      undefined,
    ],
    [
      {
        ...at,
        name: 'card.moved',
        payload: { cardId: 'c', departmentId: D, fromStageKey: 'new', stageKey: 'won' },
      },
      'card.updated',
      undefined,
    ],
    [{ ...at, name: 'card.updated', payload: { cardId: 'c', departmentId: D } }, 'card.updated', undefined],
    [
      {
        ...at,
        name: 'conversation.updated',
        payload: { conversationId: C, departmentId: D, changes: ['priority', 'labels'] },
      },
      'conversation.updated',
      C,
    ],
    [
      {
        ...at,
        name: 'conversation.routed',
        payload: { conversationId: C, departmentId: D, numberId: 'n', ruleIds: ['r1'], requestType: null },
      },
      'conversation.updated',
      C,
    ],
  ];

  it.each(cases.map(([event, type, conversationId]) => [event.name, event, type, conversationId] as const))(
    '%s',
    (_name, event, type, conversationId) => {
      const [out, ...more] = socketEventsFor(event);
      // A transfer also tells the department it left (below).
      if (event.name !== 'conversation.transferred') expect(more).toEqual([]);
      expect(out.type).toBe(type);
      // The department is always the one the event names (for a transfer: where the conversation is now).
      expect(out.departmentId).toBe(D);
      expect(out.conversationId).toBe(conversationId);
      expect(out.data).toEqual({ change: event.name, ...event.payload });
    },
  );

  it('tells the department a conversation was transferred from, with ids only and not its room', () => {
    const [, left, ...more] = socketEventsFor({
      ...at,
      name: 'conversation.transferred',
      payload: { conversationId: C, fromDepartmentId: 'old', departmentId: D, byUserId: 'u' },
    });
    expect(more).toEqual([]);
    expect(left).toEqual({
      departmentId: 'old',
      type: 'conversation.updated',
      data: { change: 'conversation.transferred', conversationId: C, fromDepartmentId: 'old' },
    });
  });

  it("also tells an assignment's new and previous owner in their own rooms", () => {
    const [assigned] = socketEventsFor({
      ...at,
      name: 'conversation.assigned',
      payload: {
        conversationId: C,
        departmentId: D,
        userId: 'new',
        previousUserId: 'old',
        byUserId: 's',
        reason: 'take_over',
      },
    } as DomainEvent);
    expect(assigned.userIds).toEqual(['new', 'old']);
    const [unassigned] = socketEventsFor({
      ...at,
      name: 'conversation.unassigned',
      payload: { conversationId: C, departmentId: D, userId: 'old', byUserId: 'v', reason: 'manual' },
    } as DomainEvent);
    expect(unassigned.userIds).toEqual(['old']);
  });

  it('tells each department of an agent about their availability, and no other', () => {
    const out = socketEventsFor({
      ...at,
      name: 'agent.availability',
      payload: {
        userId: 'u',
        status: 'away',
        previousStatus: 'online',
        source: 'self',
        departmentIds: ['d1', 'd2'],
      },
    });
    expect(out.map((e) => [e.type, e.departmentId, e.conversationId])).toEqual([
      ['agent.availability', 'd1', undefined],
      ['agent.availability', 'd2', undefined],
    ]);
    expect(out[0].data).toEqual({
      change: 'agent.availability',
      userId: 'u',
      status: 'away',
      previousStatus: 'online',
      source: 'self',
      departmentIds: undefined,
    });
  });
});
