import type { RealtimeEnvelope } from '@switchboard/engine';
import { TestEnvironment, waitFor } from '@switchboard/testing';
import { io, Socket } from 'socket.io-client';

/** A test socket: connected and in its rooms (`ready`), keeping every event envelope it receives in `seen`. */
export interface TestSocket {
  socket: Socket;
  rooms: string[];
  seen: RealtimeEnvelope[];
}

export interface RoomAck {
  ok: boolean;
  status?: number;
  error?: string;
  room?: string;
}

const opened: Socket[] = [];

export async function connect(url: string, token: string): Promise<TestSocket> {
  const socket = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: { token },
    reconnection: false,
    forceNew: true,
  });
  opened.push(socket);
  const seen: RealtimeEnvelope[] = [];
  socket.onAny((_event: string, payload: RealtimeEnvelope) => {
    if (payload && typeof payload === 'object' && 'cursor' in payload) seen.push(payload);
  });
  const ready = await new Promise<{ rooms: string[] }>((resolve, reject) => {
    socket.once('ready', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, rooms: ready.rooms, seen };
}

export const ask = (socket: Socket, event: string, body: unknown): Promise<RoomAck> =>
  socket.emitWithAck(event, body) as Promise<RoomAck>;

/** Closes the socket and waits until the client saw it closed. */
export async function disconnect(s: TestSocket): Promise<void> {
  const closed = new Promise((resolve) => s.socket.once('disconnect', resolve));
  s.socket.disconnect();
  await closed;
}

export function closeAll(): void {
  for (const s of opened.splice(0)) s.close();
}

/** Everything after intake and domain event delivery is done: no pending webhook, job, or undelivered event. */
export async function settled(env: TestEnvironment): Promise<void> {
  let behind = '';
  await waitFor(
    async () => {
      const rows = await env.query<{ what: string }>(
        `select 'inbound ' || id as what from inbound_events where status = 'pending'
         union all select 'job ' || name from bullmq.job where state in ('waiting', 'active')
         union all select 'subscriber ' || c.subscriber from domain_event_cursors c
          where exists (select 1 from domain_events e where (c.xid, c.seq) < (e.xid, e.seq))`,
      );
      behind = rows.map((r) => r.what).join(', ');
      return rows.length === 0;
    },
    { what: 'intake and domain event delivery settled', timeoutMs: 20_000 },
  ).catch((e: Error) => {
    throw new Error(`${e.message}; still behind: ${behind}`);
  });
}

/** The stream position of a cursor, comparable across events: `<xid>:<seq>`. */
export const position = (cursor: string): [bigint, bigint] => {
  const [xid, seq] = cursor.split(':');
  return [BigInt(xid), BigInt(seq)];
};

export const after = (a: string, b: string): boolean => {
  const [ax, as] = position(a);
  const [bx, bs] = position(b);
  return ax > bx || (ax === bx && as > bs);
};
