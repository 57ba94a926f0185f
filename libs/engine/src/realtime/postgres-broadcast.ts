import { encode } from '@msgpack/msgpack';
import { Pool } from 'pg';
import type { RealtimeMessage } from './realtime-transport';

/** Socket.IO's PostgreSQL adapter channel prefix and attachment table (created by the realtime migration). */
export const POSTGRES_ADAPTER_OPTIONS = {
  channelPrefix: 'switchboard_io',
  tableName: 'socket_io_attachments',
} as const;

// socket.io-adapter's cluster protocol: message types BROADCAST and SOCKETS_LEAVE, packet type EVENT, the uid
// emitters use.
const BROADCAST = 3;
const SOCKETS_LEAVE = 5;
const EVENT = 2;
const EMITTER_UID = 'emitter';
// NOTIFY payloads must stay under 8000 bytes; larger ones travel in the attachment table.
export const NOTIFY_LIMIT = 8000;
const NSP = '/';
const CHANNEL = `${POSTGRES_ADAPTER_OPTIONS.channelPrefix}#${NSP}`;

/**
 * Publishes messages in the format of `@socket.io/postgres-adapter` (0.5, cluster protocol), so every api process's
 * adapter applies them to its local sockets. Written here because the published emitter package (0.1) omits the
 * top-level namespace that adapter 0.5 routes by, and its messages are dropped.
 *
 * All notifications go out in ONE statement (one round trip, one commit taking the server's notify queue lock):
 * PostgreSQL delivers the notifications of a transaction in the order they were sent, so listeners see the
 * messages in order. A message over the NOTIFY limit is stored in the attachment table first and its header sent
 * in its place (the adapter fetches it before applying it, so it may overtake a later small message: events are
 * ids only, far under the limit).
 */
export async function publishToPostgresAdapter(pool: Pool, messages: RealtimeMessage[]): Promise<void> {
  if (!messages.length) return;
  const payloads: string[] = [];
  for (const m of messages) {
    const message = adapterMessage(m);
    const text = JSON.stringify(message);
    if (Buffer.byteLength(text) <= NOTIFY_LIMIT) {
      payloads.push(text);
      continue;
    }
    const { rows } = await pool.query<{ id: string }>(
      `insert into ${POSTGRES_ADAPTER_OPTIONS.tableName} (payload) values ($1) returning id`,
      [Buffer.from(encode(message))],
    );
    payloads.push(JSON.stringify({ uid: EMITTER_UID, type: message.type, attachmentId: rows[0].id }));
  }
  // unnest yields the array in order and the aggregate calls pg_notify row by row, in that order.
  await pool.query('select count(pg_notify($1, p)) from unnest($2::text[]) as p', [CHANNEL, payloads]);
}

function adapterMessage(m: RealtimeMessage) {
  if (m.kind === 'emit')
    return {
      uid: EMITTER_UID,
      nsp: NSP,
      type: BROADCAST,
      data: {
        packet: { type: EVENT, data: [m.event, m.payload], nsp: NSP },
        opts: { rooms: m.rooms, except: [], flags: {} },
      },
    };
  // A cluster-wide `socketsLeave`: the matching sockets of every process leave `leave`.
  return {
    uid: EMITTER_UID,
    nsp: NSP,
    type: SOCKETS_LEAVE,
    data: { opts: { rooms: m.rooms, except: m.except, flags: {} }, rooms: m.leave },
  };
}
