/** Reporting's row for one conversation (report_conversations), as the subscriber keeps it. */
export interface ConversationFact {
  conversationId: string;
  departmentId: string;
  numberId: string;
  teamId: string | null;
  ownerUserId: string | null;
  status: 'open' | 'closed';
  cardId: string | null;
  stageKey: string | null;
  stageCategory: string | null;
  slaStatus: string | null;
  openedAt: Date | null;
  closedAt: Date | null;
  /**
   * When the current resolution cycle began: the last reopen (null until one: the cycle began at `openedAt`). A
   * resolution counts from it, like the SLA resolution clock a reopen starts, never the closed stretch before.
   */
  reopenedAt: Date | null;
  /** The first customer message not answered yet: a response is measured from it. */
  awaitingSince: Date | null;
  firstResponseAt: Date | null;
  firstResponseMs: number | null;
  firstResponseUserId: string | null;
  resolutionMs: number | null;
  resolvedByUserId: string | null;
  resolvedTeamId: string | null;
  /** Position of the last event applied (`<xid>:<seq>`): an event at or before it was applied already. */
  lastXid: bigint;
  lastSeq: bigint;
}

/** A response measured: from the first unanswered customer message to the agent's reply. */
export interface ResponseFact {
  messageId: string;
  conversationId: string;
  kind: 'first' | 'next';
  departmentId: string;
  numberId: string;
  teamId: string | null;
  userId: string | null;
  customerAt: Date;
  respondedAt: Date;
  businessMs: number;
}

/** A clock that breached, or ended met or breached (cancelled clocks count for nothing). */
export interface SlaOutcomeFact {
  clockId: string;
  conversationId: string;
  departmentId: string;
  numberId: string;
  teamId: string | null;
  userId: string | null;
  kind: string;
  outcome: 'met' | 'breached';
  at: Date;
}

/** A message to count in its number's hour: once, by its id (report_volume_messages). */
export interface VolumeFact {
  messageId: string;
  numberId: string;
  departmentId: string;
  hour: Date;
  way: 'inbound' | 'outbound';
}

/** `<xid>:<seq>` as two numbers compared in order. */
export function parsePosition(position: string): { xid: bigint; seq: bigint } {
  const [xid, seq] = position.split(':');
  return { xid: BigInt(xid), seq: BigInt(seq) };
}

export const isAfter = (p: { xid: bigint; seq: bigint }, fact: ConversationFact): boolean =>
  p.xid > fact.lastXid || (p.xid === fact.lastXid && p.seq > fact.lastSeq);
