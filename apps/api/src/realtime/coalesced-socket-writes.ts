import { Socket as TcpSocket } from 'node:net';
import type { Server } from 'socket.io';

/** The part of an engine.io connection read here: its current transport (`websocket` holds a `ws` socket). */
interface EngineConnection {
  transport: { name: string; socket?: { _socket?: unknown } };
}

/**
 * Sends each of a connection's flushes (every packet engine.io queued while the previous write was in flight) to
 * the kernel in one write instead of one per packet. The `ws` library corks its TCP socket around each frame only,
 * so a flush of n event frames cost n write system calls: with a department room of many sockets and a relay batch
 * of many events, those calls were most of the api's CPU. Corking the socket for the flush and uncorking it on the
 * next tick hands all frames to one `writev`; the bytes and their order on the wire are unchanged.
 *
 * Long-polling connections (no TCP socket of their own) and a transport whose internals differ are left as they are.
 */
export function coalesceSocketWrites(server: Server): void {
  server.engine.on('flush', (connection: EngineConnection, packets: readonly unknown[]) => {
    if (packets.length < 2) return;
    const tcp = tcpSocketOf(connection);
    if (!tcp) return;
    tcp.cork();
    process.nextTick(() => tcp.uncork());
  });
}

function tcpSocketOf(connection: EngineConnection): TcpSocket | null {
  if (connection.transport.name !== 'websocket') return null;
  // `ws` keeps its TCP socket in `_socket` (not part of its typed API): anything else is skipped, not guessed at.
  const tcp = connection.transport.socket?._socket;
  return tcp instanceof TcpSocket && !tcp.destroyed ? tcp : null;
}
