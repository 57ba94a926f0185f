import { encode } from '@msgpack/msgpack';
import { Pool } from 'pg';

/** Socket.IO's PostgreSQL adapter channel prefix and attachment table (created by the realtime migration). */
export const POSTGRES_ADAPTER_OPTIONS = {
  channelPrefix: 'switchboard_io',
  tableName: 'socket_io_attachments',
} as const;

// socket.io-adapter's cluster protocol: message type BROADCAST, packet type EVENT, the uid emitters use.
const BROADCAST = 3;
const SOCKETS_LEAVE = 5;
const EVENT = 2;
const EMITTER_UID = 'emitter';
// NOTIFY payloads must stay under 8000 bytes; larger ones travel in the attachment table.
const NOTIFY_LIMIT = 8000;

/**
 * Publishes a room broadcast in the message format of `@socket.io/postgres-adapter` (0.5, cluster protocol), so
 * every api process's adapter delivers it to its local sockets. Written here because the published emitter
 * package (0.1) omits the top-level namespace that adapter 0.5 routes by, and its messages are dropped.
 */
export async function publishToPostgresAdapter(
  pool: Pool,
  rooms: string[],
  event: string,
  payload: unknown,
): Promise<void> {
  const nsp = '/';
  const channel = `${POSTGRES_ADAPTER_OPTIONS.channelPrefix}#${nsp}`;
  const message = {
    uid: EMITTER_UID,
    nsp,
    type: BROADCAST,
    data: {
      packet: { type: EVENT, data: [event, payload], nsp },
      opts: { rooms, except: [], flags: {} },
    },
  };
  const text = JSON.stringify(message);
  if (Buffer.byteLength(text) <= NOTIFY_LIMIT) {
    await pool.query('select pg_notify($1, $2)', [channel, text]);
    return;
  }
  const { rows } = await pool.query<{ id: string }>(
    `insert into ${POSTGRES_ADAPTER_OPTIONS.tableName} (payload) values ($1) returning id`,
    [Buffer.from(encode(message))],
  );
  const header = { uid: EMITTER_UID, type: BROADCAST, attachmentId: rows[0].id };
  await pool.query('select pg_notify($1, $2)', [channel, JSON.stringify(header)]);
}

/** A cluster-wide `socketsLeave` (message type SOCKETS_LEAVE): the matching sockets of every process leave `leave`. */
export async function publishLeaveToPostgresAdapter(
  pool: Pool,
  rooms: string[],
  except: string[],
  leave: string[],
): Promise<void> {
  const nsp = '/';
  const message = {
    uid: EMITTER_UID,
    nsp,
    type: SOCKETS_LEAVE,
    data: { opts: { rooms, except, flags: {} }, rooms: leave },
  };
  await pool.query('select pg_notify($1, $2)', [
    `${POSTGRES_ADAPTER_OPTIONS.channelPrefix}#${nsp}`,
    JSON.stringify(message),
  ]);
}
