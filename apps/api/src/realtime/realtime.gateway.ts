import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { RoomAnswer, roomRequest, RoomRequest } from '@switchboard/contracts';
import { AccessTokenVerifier } from '@switchboard/identity';
import type { Server, Socket } from 'socket.io';
import { presentedToken, setSocketAccess } from './socket-access';
import { SocketAccessRevalidator } from './socket-access-revalidator.service';
import { SocketRooms } from './socket-rooms.service';

/**
 * The websocket gateway: the handshake needs the same access token as the REST API (refused with the reason in
 * `connect_error` otherwise); a connected socket is in the rooms of the departments it may read and is told so
 * with `ready`; `join` / `leave` ask for one department or conversation room, which the server grants only as
 * the access scope allows. Events come from the Realtime publisher (engine),
 * in any process.
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit<Server>, OnGatewayConnection<Socket> {
  private readonly log = new Logger(RealtimeGateway.name);

  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly rooms: SocketRooms,
    private readonly revalidator: SocketAccessRevalidator,
  ) {}

  afterInit(server: Server): void {
    server.use((socket, next) => {
      this.verifier.verify(presentedToken(socket)).then(
        (v) => {
          if (!v.ok) return next(new Error(v.error));
          setSocketAccess(socket, { actor: v.actor, recheck: v.recheck });
          next();
        },
        (e: unknown) => next(e instanceof Error ? e : new Error(String(e))),
      );
    });
    void this.revalidator.watch(server).catch((e: unknown) => this.log.error(`revalidator: ${String(e)}`));
  }

  async handleConnection(socket: Socket): Promise<void> {
    try {
      socket.emit('ready', { rooms: await this.rooms.sync(socket) });
    } catch (e) {
      this.log.warn(`socket rooms could not be read: ${String(e)}`);
      socket.disconnect(true);
    }
  }

  @SubscribeMessage('join')
  async join(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<RoomAnswer> {
    const request = parse(body);
    return 'error' in request ? request : this.rooms.join(socket, request);
  }

  @SubscribeMessage('leave')
  async leave(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<RoomAnswer> {
    const request = parse(body);
    return 'error' in request ? request : this.rooms.leave(socket, request);
  }
}

function parse(body: unknown): RoomRequest | (RoomAnswer & { ok: false }) {
  const parsed = roomRequest.safeParse(body);
  if (parsed.success) return parsed.data;
  return {
    ok: false,
    status: 400,
    error: 'give { department: <uuid> } or { conversation: <uuid> }',
  };
}
