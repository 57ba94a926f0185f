import type { EntityManager } from '@mikro-orm/postgresql';
import type { SlaClockKind, SlaStatus } from '../events/domain-event-types';

/** A conversation's SLA state as lists and screens show it; the time left is computed at read time from dueAt. */
export interface ConversationSlaState {
  status: SlaStatus;
  /** Past the warning threshold of the running clock. */
  warning: boolean;
  /** The clock the status is about (the most urgent running one); null when none runs. */
  clockKind: SlaClockKind | null;
  dueAt: Date | null;
  warnAt: Date | null;
  breachedAt: Date | null;
  /** The clock is paused (waiting on the customer, or snoozed). */
  paused: boolean;
  policyId: string | null;
}

/** A parameterised SQL fragment (`?` placeholders) another library embeds in its own statement. */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/**
 * SLA state per conversation, for libraries below the SLA library (conversations and pipelines show it in their
 * APIs): the SLA library owns the clocks and provides this port.
 */
export abstract class ConversationSlaStates {
  /** The states of the conversations among `ids` that have one (others are absent: 🟢, no clock), in one query. */
  abstract of(em: EntityManager, ids: readonly string[]): Promise<Map<string, ConversationSlaState>>;
  /**
   * A lateral subquery over the live clocks of the conversation in `conversationColumn`, one row with `red` (a clock
   * breached at `now`), `responding` (a response clock runs) and `due_at` (the soonest deadline of a running or
   * breached clock, null when none): lists filter and sort by the SLA state in one statement.
   */
  abstract liveClocksSql(conversationColumn: string, now: Date): SqlFragment;
}
