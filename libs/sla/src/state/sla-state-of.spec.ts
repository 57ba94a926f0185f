import { describe, expect, it } from 'vitest';
import { LiveClockRow, stateOf } from './sla-state-of';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const at = (iso: string) => new Date(iso);

const clock = (over: Partial<LiveClockRow>): LiveClockRow => ({
  conversation_id: 'c',
  kind: 'first_response',
  state: 'running',
  policy_id: 'p',
  due_at: at('2026-12-01T12:30:00Z'),
  warn_at: at('2026-12-01T12:10:00Z'),
  warned_at: null,
  breached_at: null,
  ...over,
});

describe('stateOf: the most urgent live clock and the colour', () => {
  it('a running response clock before its warning: 🟡, no warning, its deadline', () => {
    expect(stateOf([clock({})], NOW)).toEqual({
      status: 'yellow',
      warning: false,
      clockKind: 'first_response',
      dueAt: at('2026-12-01T12:30:00Z'),
      warnAt: at('2026-12-01T12:10:00Z'),
      breachedAt: null,
      paused: false,
      policyId: 'p',
    });
  });

  it('past the warning instant (its timer not fired yet) warns; marked warned warns too', () => {
    expect(stateOf([clock({ warn_at: at('2026-12-01T11:59:00Z') })], NOW).warning).toBe(true);
    expect(stateOf([clock({ warned_at: at('2026-12-01T11:00:00Z') })], NOW).warning).toBe(true);
  });

  it('only a resolution clock running: 🟢 (the team spoke last), about the resolution clock', () => {
    const s = stateOf(
      [clock({ kind: 'resolution', due_at: at('2026-12-02T12:00:00Z'), warn_at: null })],
      NOW,
    );
    expect([s.status, s.clockKind, s.dueAt]).toEqual(['green', 'resolution', at('2026-12-02T12:00:00Z')]);
  });

  it('a breached stage clock outranks a running response clock due sooner: 🔴 about the stage', () => {
    const s = stateOf(
      [
        clock({ kind: 'next_response', due_at: at('2026-12-01T12:05:00Z') }),
        clock({
          kind: 'stage:proposal',
          due_at: at('2026-12-01T11:00:00Z'),
          breached_at: at('2026-12-01T11:00:00Z'),
        }),
      ],
      NOW,
    );
    expect([s.status, s.clockKind, s.breachedAt, s.warning]).toEqual([
      'red',
      'stage:proposal',
      at('2026-12-01T11:00:00Z'),
      true,
    ]);
  });

  it('a running clock past its deadline before its breach timer fired is 🔴 already', () => {
    expect(stateOf([clock({ due_at: at('2026-12-01T11:59:59Z') })], NOW).status).toBe('red');
  });

  it('of two running clocks the one due sooner is shown', () => {
    const s = stateOf(
      [
        clock({ kind: 'resolution', due_at: at('2026-12-01T14:00:00Z') }),
        clock({ kind: 'first_response', due_at: at('2026-12-01T12:20:00Z') }),
      ],
      NOW,
    );
    expect([s.status, s.clockKind]).toEqual(['yellow', 'first_response']);
  });

  it('a paused response clock (waiting on the customer) is 🟢, paused, without a deadline', () => {
    const s = stateOf([clock({ state: 'paused', due_at: null, warn_at: null })], NOW);
    expect([s.status, s.paused, s.dueAt, s.warning]).toEqual(['green', true, null, false]);
  });

  it('a paused clock that had breached stays 🔴', () => {
    const s = stateOf(
      [clock({ state: 'paused', due_at: null, warn_at: null, breached_at: at('2026-12-01T11:00:00Z') })],
      NOW,
    );
    expect([s.status, s.paused]).toEqual(['red', true]);
  });
});
