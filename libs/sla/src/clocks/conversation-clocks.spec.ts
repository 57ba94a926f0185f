import { describe, expect, it } from 'vitest';
import { ClockEffects } from './clock-effects';
import type { ClockPolicy } from './clock-policy';
import { ConversationClocks } from './conversation-clocks';
import type { SlaConversation } from './sla-conversation.repository';
import { businessTime, WALL_CLOCK } from './time-basis';

// Unit level, on the wall clock: what each fact does to the clocks, with every expected instant written by hand.
const T0 = Date.parse('2026-12-01T12:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const iso = (minutes: number) => at(minutes).toISOString();
const cause = (minutes: number, what = 'test') => ({ at: at(minutes), cause: what });

const normal: ClockPolicy = {
  id: 'normal',
  name: 'Normal',
  businessHours: false,
  escalations: [],
  targets: {
    firstResponse: { warningMinutes: 10, breachMinutes: 30 },
    nextResponse: { warningMinutes: 5, breachMinutes: 20 },
    resolution: { warningMinutes: 60, breachMinutes: 240 },
    stages: { triage: { warningMinutes: 15, breachMinutes: 45 } },
  },
};
const urgent: ClockPolicy = {
  ...normal,
  id: 'urgent',
  targets: { ...normal.targets, firstResponse: { warningMinutes: 5, breachMinutes: 15 } },
};

function setup(basis = WALL_CLOCK, policy = normal) {
  const conversation: SlaConversation = {
    conversationId: 'c1',
    departmentId: 'd1',
    numberId: 'n1',
    priority: 'normal',
    requestType: null,
    policyId: null,
    status: 'open',
    customerWaitingSince: null,
    agentReplied: false,
    inWaitingStage: false,
    snoozed: false,
    stageKey: null,
  };
  const effects = new ClockEffects();
  const clocks = new ConversationClocks(
    conversation,
    [],
    {
      policy: async (c) => (c.priority === 'urgent' ? urgent : policy),
      basis: async (_d, businessHours) => (businessHours ? basis : WALL_CLOCK),
    },
    effects,
  );
  const clock = (kind: string) => [...effects.inserted.values()].filter((c) => c.kind === kind).at(-1)!;
  return { conversation, effects, clocks, clock };
}

describe('conversation clocks', () => {
  it('first response: starts at the customer message, met by a person, not by an automated reply', async () => {
    const { clocks, clock, effects } = setup();
    await clocks.customerWrote(cause(0));
    await clocks.routed(cause(1), 'd1', null);
    expect(clock('first_response')).toMatchObject({ state: 'running', dueAt: at(30), warnAt: at(10) });
    expect(clock('resolution')).toMatchObject({ state: 'running', dueAt: at(240) });
    await clocks.replied(cause(3), null, true);
    expect(clock('first_response').state).toBe('running');
    await clocks.replied(cause(7), 'agent', false);
    expect(clock('first_response')).toMatchObject({ state: 'met', elapsedMs: 7 * 60_000, byUserId: 'agent' });
    expect(effects.timers.get(`sla:${clock('first_response').id}:breach`)).toBeNull();
  });

  it('pauses in a waiting stage and resumes on the customer reply; next response restarts per message', async () => {
    const { clocks, clock } = setup();
    await clocks.customerWrote(cause(0));
    await clocks.routed(cause(0), 'd1', null);
    await clocks.replied(cause(5), 'agent', false);
    await clocks.cardEntered(cause(10), 'waiting', true);
    expect(clock('resolution')).toMatchObject({ state: 'paused', elapsedMs: 10 * 60_000, dueAt: null });
    await clocks.customerWrote(cause(70));
    // 10 minutes counted, 230 left from minute 70.
    expect(clock('resolution')).toMatchObject({ state: 'running', dueAt: at(300) });
    expect(clock('next_response')).toMatchObject({ state: 'running', dueAt: at(90), warnAt: at(75) });
    await clocks.replied(cause(80), 'agent', false);
    await clocks.customerWrote(cause(100));
    expect(clock('next_response')).toMatchObject({ state: 'running', startedAt: at(100), dueAt: at(120) });
  });

  it('a priority change recomputes from the time counted, not a restart', async () => {
    const { clocks, clock, effects } = setup();
    await clocks.customerWrote(cause(0));
    await clocks.routed(cause(0), 'd1', null);
    await clocks.changed(cause(10), { priority: 'urgent' });
    // 10 minutes counted of the urgent 15: due at minute 15, warning (5) already passed: at once.
    expect(clock('first_response')).toMatchObject({ state: 'running', policyId: 'urgent', dueAt: at(15) });
    expect(clock('first_response').startedAt).toEqual(at(0));
    expect(effects.transitions.map((t) => `${t.transition}@${t.at.toISOString()}`)).toContain(
      `recomputed@${iso(10)}`,
    );
  });

  it('closing stops every clock; nothing counts after', async () => {
    const { clocks, clock, effects } = setup();
    await clocks.customerWrote(cause(0));
    await clocks.routed(cause(0), 'd1', null);
    await clocks.closed(cause(50));
    expect(clock('first_response')).toMatchObject({ state: 'stopped', elapsedMs: 50 * 60_000 });
    expect(clock('resolution')).toMatchObject({ state: 'met', elapsedMs: 50 * 60_000, finishedAt: at(50) });
    await clocks.customerWrote(cause(60));
    expect([...effects.inserted.values()]).toHaveLength(2);
    const finishedEvents = effects.events.filter((e) => e.name === 'sla.clock_finished');
    expect(finishedEvents.map((e) => e.name === 'sla.clock_finished' && e.payload.outcome).sort()).toEqual([
      'cancelled',
      'met',
    ]);
  });

  it('in business hours: a Friday-evening wait is due on Monday, and a pause keeps the business time counted', async () => {
    const weekdays = [{ open: '09:00', close: '18:00' }];
    const calendar = {
      timezone: 'UTC',
      weekly: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: [], sun: [] },
      holidays: [],
      exceptions: [],
    };
    const { clocks, clock } = setup(businessTime(calendar), { ...normal, businessHours: true });
    const friday = (hhmm: string) => ({ at: new Date(`2026-12-04T${hhmm}:00.000Z`), cause: 'test' });
    const monday = (hhmm: string) => ({ at: new Date(`2026-12-07T${hhmm}:00.000Z`), cause: 'test' });
    await clocks.customerWrote(friday('17:45'));
    await clocks.routed(friday('17:45'), 'd1', null);
    // 30 business minutes: 17:45–18:00 on Friday, none on the weekend, 15 more from 09:00 on Monday.
    expect(clock('first_response').dueAt).toEqual(new Date('2026-12-07T09:15:00.000Z'));
    expect(clock('first_response').warnAt).toEqual(new Date('2026-12-04T17:55:00.000Z'));
    await clocks.snoozed(monday('09:10'), true);
    expect(clock('first_response')).toMatchObject({ state: 'paused', elapsedMs: 25 * 60_000 });
    await clocks.snoozed(monday('14:00'), false);
    // 5 of 30 left from 14:00; the resolution clock (240) has 215 business minutes left: 17:35 the same day.
    expect(clock('first_response').dueAt).toEqual(new Date('2026-12-07T14:05:00.000Z'));
    expect(clock('resolution').dueAt).toEqual(new Date('2026-12-07T17:35:00.000Z'));
  });
  it('closed unanswered then written to a day later: the new clocks start at the new message, not the old one', async () => {
    const { clocks, clock } = setup();
    await clocks.customerWrote(cause(0));
    await clocks.routed(cause(0), 'd1', null);
    await clocks.closed(cause(5));
    const day = 24 * 60;
    await clocks.customerWrote(cause(day));
    clocks.reopened();
    await clocks.routed(cause(day), 'd1', null);
    // Nobody answered: first response again, 30 minutes from the day-later message; resolution 240 from it.
    expect(clock('first_response')).toMatchObject({
      state: 'running',
      startedAt: at(day),
      dueAt: at(day + 30),
    });
    expect(clock('resolution')).toMatchObject({ state: 'running', startedAt: at(day), dueAt: at(day + 240) });
    expect(clock('first_response').breachedAt).toBeNull();
  });

  it('a calendar with no open time: the clock runs with no deadline and sets no timer', async () => {
    const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    const never = { timezone: 'UTC', weekly: closed, holidays: [], exceptions: [] };
    const { clocks, clock, effects } = setup(businessTime(never), { ...normal, businessHours: true });
    await clocks.customerWrote(cause(0));
    await clocks.routed(cause(0), 'd1', null);
    expect(clock('first_response')).toMatchObject({
      state: 'running',
      dueAt: null,
      warnAt: null,
      elapsedMs: 0,
    });
    expect(effects.timers.get(`sla:${clock('first_response').id}:breach`)).toBeNull();
    expect(effects.timers.get(`sla:${clock('first_response').id}:warning`)).toBeNull();
    expect([...effects.timers.values()].filter((t) => t !== null)).toEqual([]);
  });
});
