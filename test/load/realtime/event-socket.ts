/**
 * The measuring client's socket: a websocket speaking the Socket.IO protocol (Engine.IO 4, Socket.IO 5) for just what
 * an agent's screen needs here: connect to the main namespace with the access token, answer the server's pings, and
 * hand over each event's text. socket.io-client spent most of its time in per-packet machinery (event emitters,
 * debug calls, a tick per packet) for 200 sockets in one process, and the client's own delays count as latency.
 * The server sees the same handshake, the same authentication and the same frames as from socket.io-client over
 * the websocket transport.
 */
import WebSocket from 'ws';

export interface EventSocketHandlers {
  /** An event packet's JSON text: `["name", ...args]`. */
  event(json: string): void;
  /** The connection ended (the server disconnected it, or the transport closed). */
  closed(reason: string): void;
}

/** Engine.IO packet types (the first character of a frame) and Socket.IO's (the second, in a message). */
const OPEN = '0';
const PING = '2';
const PONG = '3';
const MESSAGE = '4';
const CONNECT = '0';
const DISCONNECT = '1';
const EVENT = '2';
const CONNECT_ERROR = '4';

/** Connects and resolves once the server accepted the namespace connection (its CONNECT answer). */
export function connectEventSocket(
  apiUrl: string,
  path: string,
  token: string,
  handlers: EventSocketHandlers,
): Promise<{ close(): void }> {
  const url = `${apiUrl.replace(/^http/, 'ws')}${path}/?EIO=4&transport=websocket`;
  const ws = new WebSocket(url, { perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    let connected = false;
    const fail = (message: string) => {
      if (!connected) reject(new Error(message));
      else handlers.closed(message);
      connected = false;
    };
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) return;
      const text = data.toString();
      const type = text[0];
      if (type === MESSAGE) {
        const kind = text[1];
        if (kind === EVENT) return handlers.event(text.slice(2));
        if (kind === CONNECT) {
          connected = true;
          return resolve({ close: () => ws.close() });
        }
        if (kind === CONNECT_ERROR) return fail(`connect_error: ${text.slice(2)}`);
        if (kind === DISCONNECT) return fail('io server disconnect');
        return;
      }
      if (type === PING) return ws.send(PONG);
      // The namespace connection carries the access token, as socket.io-client's `auth` does.
      if (type === OPEN) return ws.send(`${MESSAGE}${CONNECT}${JSON.stringify({ token })}`);
    });
    ws.on('error', (e: Error) => fail(e.message));
    ws.on('close', () => fail('transport close'));
  });
}
