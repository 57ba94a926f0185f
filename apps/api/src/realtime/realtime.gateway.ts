import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { RoomAnswer, roomRequest, RoomRequest, typingRequest, viewingRequest } from '@switchboard/contracts';
import { AccessTokenVerifier } from '@switchboard/identity';
import type { Server, Socket } from 'socket.io';
import type { ZodType } from 'zod';
import { AgentLiveness } from './agent-liveness.service';
import { presentedToken, setSocketAccess } from './socket-access';
import { SocketAccessRevalidator } from './socket-access-revalidator.service';
import { PresenceAnswer, SocketPresence } from './socket-presence.service';
import { SocketRooms } from './socket-rooms.service';

/**
 * The websocket gateway: the handshake needs the same access token as the REST API (refused with the reason in
 * `connect_error` otherwise); a connected socket is in the rooms of the departments it may read and is told so
 * with `ready`; `join` / `leave` ask for one department or conversation room, which the server grants only as
 * the access scope allows. Events come from the Realtime publisher (engine),
 * in any process. `typing` / `viewing` set the sender's presence in a conversation room it joined; `activity` (and
 * any other client event) keeps an agent from going away when idle.
 */
@WebSocketGateway()
export class RealtimeGateway
  implements OnGatewayInit<Server>, OnGatewayConnection<Socket>, OnGatewayDisconnect<Socket>
{
  private readonly log = new Logger(RealtimeGateway.name);

  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly rooms: SocketRooms,
    private readonly revalidator: SocketAccessRevalidator,
    private readonly presence: SocketPresence,
    private readonly liveness: AgentLiveness,
  ) {}

  afterInit(server: Server): void {
    server.use((socket, next) => {
      this.verifier.verify(presentedToken(socket)).then(
        (v) => {
          if (!v.ok) return next(new Error(v.error));
          setSocketAccess(socket, { actor: v.actor, recheck: v.recheck });
          next();
        },
        // The cause stays in the log: a client is told only that the handshake failed, never internal text.
        (e: unknown) => {
          this.log.error(
            `socket handshake failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
          );
          next(new Error('authentication failed: try again'));
        },
      );
    });
    void this.revalidator.watch(server).catch((e: unknown) => this.log.error(`revalidator: ${String(e)}`));
    this.liveness.start();
  }

  async handleConnection(socket: Socket): Promise<void> {
    socket.onAny((event: string) => {
      if (event !== 'activity')
        void this.liveness.activity(socket).catch((e: unknown) => this.warn('activity', e));
    });
    socket.on('disconnecting', () => {
      void this.presence.disconnecting(socket).catch((e: unknown) => this.warn('presence', e));
    });
    try {
      await this.liveness.connected(socket);
      socket.emit('ready', { rooms: await this.rooms.sync(socket) });
    } catch (e) {
      this.log.warn(`socket rooms could not be read: ${String(e)}`);
      socket.disconnect(true);
    }
  }

  handleDisconnect(socket: Socket): void {
    void this.liveness.disconnected(socket).catch((e: unknown) => this.warn('disconnect', e));
  }

  /** The client is active (every other client event counts too); acknowledged once recorded. */
  @SubscribeMessage('activity')
  async activity(@ConnectedSocket() socket: Socket): Promise<{ ok: true }> {
    await this.liveness.activity(socket);
    return { ok: true };
  }

  @SubscribeMessage('typing')
  typing(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<PresenceAnswer | Invalid> {
    return this.setPresence(socket, typingRequest, body, '{ conversationId: <uuid>, typing: boolean }');
  }

  @SubscribeMessage('viewing')
  viewing(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<PresenceAnswer | Invalid> {
    return this.setPresence(socket, viewingRequest, body, '{ conversationId: <uuid>, viewing: boolean }');
  }

  private async setPresence<
    T extends { conversationId: string } & ({ typing: boolean } | { viewing: boolean }),
  >(socket: Socket, schema: ZodType<T>, body: unknown, shape: string): Promise<PresenceAnswer | Invalid> {
    const parsed = schema.safeParse(body);
    if (!parsed.success) return { ok: false, status: 400, error: `give ${shape}` };
    return this.presence.set(socket, parsed.data);
  }

  private warn(what: string, e: unknown): void {
    this.log.warn(`${what}: ${String(e)}`);
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

type Invalid = { ok: false; status: 400; error: string };

function parse(body: unknown): RoomRequest | (RoomAnswer & { ok: false }) {
  const parsed = roomRequest.safeParse(body);
  if (parsed.success) return parsed.data;
  return {
    ok: false,
    status: 400,
    error: 'give { department: <uuid> } or { conversation: <uuid> }',
  };
}
