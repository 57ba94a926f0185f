import type { RealtimeEventView } from '@switchboard/contracts';

/** The socket events the api sends (libs/engine socket-event-for.ts), as the web app listens to them. */
export type LiveEventType =
  | 'message.created'
  | 'message.status'
  | 'conversation.created'
  | 'conversation.updated'
  /** To the reader's own sockets only: they read a conversation (libs/conversations reads/). */
  | 'conversation.read'
  | 'card.updated'
  | 'agent.availability'
  | 'presence';

/** One socket event: ids and the department, never bodies (screens read records through the api). */
export type LiveEvent = RealtimeEventView & { type: LiveEventType | (string & {}) };

/** `reload`: events were missed beyond what the api keeps, so lists must be read again. */
export type LiveSignal = 'reload';

export type LiveConnection = 'connecting' | 'live' | 'resyncing' | 'offline';
