import { defineStore } from 'pinia';
import { io, type Socket } from 'socket.io-client';
import { ref } from 'vue';
import { refreshSession } from '../api/client';
import { readToken } from '../api/token';
import type { LiveConnection, LiveEvent, LiveEventType, LiveSignal } from '../realtime/events';
import { isAfter } from '../realtime/cursor';
import { eventsAfter } from '../realtime/resync';

type Handler = (event: LiveEvent) => void;
type SignalHandler = (signal: LiveSignal) => void;

const SOCKET_PATH = '/socket.io'; // the api's realtime.path default (config/default.yaml)
const RETRY_MS = 3_000;
// A failed resync (network, 5xx) is tried again from the same cursor, waiting longer each time up to a cap.
const RESYNC_FIRST_MS = 1_000;
const RESYNC_MAX_MS = 30_000;
const SEND_TIMEOUT_MS = 5_000;

/**
 * The live connection: one socket.io connection authenticated with the in-memory access token, re-authenticated
 * after a refused handshake, and resynced from the furthest event's cursor after every reconnect (a 410 asks the
 * screens to reload instead; other failures are retried from the same cursor). Screens subscribe to event types;
 * they never touch the socket.
 */
export const useLiveStore = defineStore('live', () => {
  const connection = ref<LiveConnection>('offline');
  const lastCursor = ref<string | null>(null);
  const handlers = new Map<string, Set<Handler>>();
  const signalHandlers = new Set<SignalHandler>();
  let socket: Socket | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let resyncRetry: ReturnType<typeof setTimeout> | undefined;
  let resyncDelay = RESYNC_FIRST_MS;

  function dispatch(event: LiveEvent): void {
    // Only the furthest cursor seen counts: live events arriving during a resync may be newer than the missed
    // ones it replays. Presence events (`live:` cursors) are not kept by the api, so isAfter skips them.
    if (isAfter(event.cursor, lastCursor.value)) lastCursor.value = event.cursor;
    for (const handler of handlers.get(event.type) ?? []) handler(event);
  }

  async function resync(): Promise<void> {
    clearTimeout(resyncRetry);
    const from = lastCursor.value;
    if (!from) return;
    connection.value = 'resyncing';
    try {
      const missed = await eventsAfter(from);
      resyncDelay = RESYNC_FIRST_MS;
      if (missed === null) {
        // 410: the cursor is older than the api keeps; only a reload of the lists can catch up.
        lastCursor.value = null;
        for (const handler of signalHandlers) handler('reload');
      } else missed.forEach(dispatch);
    } catch {
      // Network or server trouble: the cursor stays, and the same resync is tried again later.
      resyncRetry = setTimeout(() => void resync(), resyncDelay);
      resyncDelay = Math.min(resyncDelay * 2, RESYNC_MAX_MS);
    }
    connection.value = socket?.connected ? 'live' : 'offline';
  }

  function connect(): void {
    if (socket) return;
    connection.value = 'connecting';
    let offered: string | null = null;
    socket = io({
      path: SOCKET_PATH,
      transports: ['websocket'],
      // Read on every (re)connect: the token in memory may have been renewed since.
      auth: (cb) => {
        offered = readToken();
        cb({ token: offered ?? '' });
      },
    });
    socket.on('connect', () => {
      connection.value = 'live';
      void resync();
    });
    socket.on('disconnect', () => {
      connection.value = 'offline';
    });
    // A refused handshake (expired token) is not retried by socket.io: renew the token, then try again.
    socket.on('connect_error', () => {
      connection.value = 'offline';
      if (socket?.active) return;
      clearTimeout(retry);
      retry = setTimeout(() => {
        // Renewed meanwhile by another caller (the cookie is single-use): just offer the new token.
        const current = readToken();
        if (current && current !== offered) {
          socket?.connect();
          return;
        }
        void refreshSession()
          .catch(() => null)
          .then((user) => {
            if (user) socket?.connect();
          });
      }, RETRY_MS);
    });
    socket.onAny((_type: string, event: unknown) => {
      if (isEvent(event)) dispatch(event);
    });
  }

  function disconnect(): void {
    clearTimeout(retry);
    clearTimeout(resyncRetry);
    resyncDelay = RESYNC_FIRST_MS;
    socket?.disconnect();
    socket = null;
    lastCursor.value = null;
    connection.value = 'offline';
  }

  /** Calls `handler` for each event of these types until the returned function is called. */
  function on(types: LiveEventType[], handler: Handler): () => void {
    for (const type of types) {
      if (!handlers.has(type)) handlers.set(type, new Set());
      handlers.get(type)?.add(handler);
    }
    return () => types.forEach((type) => handlers.get(type)?.delete(handler));
  }

  function onSignal(handler: SignalHandler): () => void {
    signalHandlers.add(handler);
    return () => signalHandlers.delete(handler);
  }

  /**
   * Sends a client event (`join`, `viewing`, `typing`…) and resolves with the api's acknowledgement; null when
   * there is no live socket (the caller sends it again once `connection` is live: rooms do not outlive a socket).
   */
  async function send(event: string, payload: Record<string, unknown>): Promise<unknown> {
    if (!socket?.connected) return null;
    return socket
      .timeout(SEND_TIMEOUT_MS)
      .emitWithAck(event, payload)
      .catch(() => null);
  }

  return { connection, lastCursor, connect, disconnect, on, onSignal, send };
});

function isEvent(value: unknown): value is LiveEvent {
  const v = value as Partial<LiveEvent> | null;
  return typeof v?.type === 'string' && typeof v.cursor === 'string' && typeof v.departmentId === 'string';
}
