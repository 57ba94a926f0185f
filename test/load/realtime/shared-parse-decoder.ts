/**
 * The measuring client's socket.io packet decoder: the standard one, except that an event packet's JSON text is
 * parsed once for the whole process. Every socket of a department receives the same text for each event, so with
 * 200 sockets in one process the standard decoder parsed each event about 67 times, and that parsing was the
 * client's largest cost (its delays would count against the server's latency). The wire protocol, and what each
 * socket's handlers receive (a fresh argument array per delivery), are unchanged; anything other than a plain event
 * of the main namespace goes through the standard decoder.
 */
import { Decoder, Packet, PacketType } from 'socket.io-parser';

/** Parsed event arguments by their packet text; cleared when it grows past LIMIT (a run's texts are never reused). */
const parsed = new Map<string, unknown[]>();
const LIMIT = 20_000;
/** Names the standard decoder refuses as events. */
const RESERVED = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);
/** Event packets decoded, by event name (every socket, every type). */
export const decodedByEvent: Record<string, number> = {};

export class SharedParseDecoder extends Decoder {
  constructor() {
    super();
    this.on('decoded', (packet: Packet) => {
      if (packet.type !== PacketType.EVENT) return;
      const name = (packet.data as unknown[])[0];
      if (typeof name === 'string') decodedByEvent[name] = (decodedByEvent[name] ?? 0) + 1;
    });
  }

  override add(encoded: unknown): void {
    // `2[...`: an event ('2') of the main namespace with no acknowledgement id.
    const data = typeof encoded === 'string' && encoded.startsWith('2[') ? eventArgs(encoded) : null;
    if (!data) return super.add(encoded);
    this.emitReserved('decoded', { type: PacketType.EVENT, nsp: '/', data: data.slice() });
  }
}

function eventArgs(encoded: string): unknown[] | null {
  let data = parsed.get(encoded);
  if (data) return data;
  let value: unknown;
  try {
    value = JSON.parse(encoded.slice(1));
  } catch {
    return null;
  }
  // What the standard decoder accepts as an event; anything else is left to it (and its errors).
  if (!Array.isArray(value) || typeof value[0] !== 'string' || RESERVED.has(value[0])) return null;
  data = value;
  if (parsed.size >= LIMIT) parsed.clear();
  parsed.set(encoded, data);
  return data;
}
