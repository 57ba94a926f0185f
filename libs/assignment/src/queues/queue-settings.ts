import type { HandoverPolicy, QueueStrategy, QueueView } from '@switchboard/contracts';

/** A queue's configuration and round-robin position (a department or team without a row has the defaults). */
export interface QueueSettings {
  departmentId: string;
  teamId: string | null;
  strategy: QueueStrategy;
  matchLanguage: boolean;
  matchSkills: boolean;
  whenAgentOffline: HandoverPolicy;
  atShiftEnd: HandoverPolicy;
  /** The agent round-robin gave the last conversation to; the next turn starts after them (by user id). */
  cursorUserId: string | null;
  updatedAt: Date | null;
}

export const defaultQueue = (departmentId: string, teamId: string | null): QueueSettings => ({
  departmentId,
  teamId,
  strategy: 'round_robin',
  matchLanguage: true,
  matchSkills: true,
  whenAgentOffline: 'return_to_queue',
  atShiftEnd: 'return_to_queue',
  cursorUserId: null,
  updatedAt: null,
});

export const toQueueView = (q: QueueSettings): QueueView => ({
  departmentId: q.departmentId,
  teamId: q.teamId,
  strategy: q.strategy,
  matchLanguage: q.matchLanguage,
  matchSkills: q.matchSkills,
  whenAgentOffline: q.whenAgentOffline,
  atShiftEnd: q.atShiftEnd,
  updatedAt: q.updatedAt ? q.updatedAt.toISOString() : null,
});
