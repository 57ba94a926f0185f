import type { Actor } from '@switchboard/identity';
import type { Socket } from 'socket.io';

/** What the handshake established for a socket: its actor and how to re-read it. */
export interface SocketAccess {
  actor: Actor;
  recheck(): Promise<Actor | null>;
}

interface SocketData {
  access?: SocketAccess;
}

export function setSocketAccess(socket: Socket, access: SocketAccess): void {
  (socket.data as SocketData).access = access;
}

/** The socket's access; every socket past the handshake middleware has one. */
export function socketAccess(socket: Socket): SocketAccess {
  const access = (socket.data as SocketData).access;
  if (!access) throw new Error('socket has no access: the handshake middleware must run first');
  return access;
}

/** The bearer a client presents: `auth: { token }` (browsers) or an `Authorization: Bearer` header. */
export function presentedToken(socket: Socket): string | undefined {
  const auth: unknown = socket.handshake.auth;
  if (auth && typeof auth === 'object' && 'token' in auth && typeof auth.token === 'string')
    return auth.token;
  return /^Bearer (\S+)$/.exec(socket.handshake.headers.authorization ?? '')?.[1];
}
