import { Inject, Injectable } from '@nestjs/common';
import { PresenceRequest } from '@switchboard/contracts';
import { APP_CONFIG, AppConfig, conversationRoom, Realtime } from '@switchboard/engine';
import { AgentAvailabilityService } from '@switchboard/identity';
import type { Socket } from 'socket.io';
import { socketAccess } from './socket-access';

interface Presence {
  departmentId: string;
  typing: boolean;
  viewing: boolean;
  typingTimer?: NodeJS.Timeout;
}

interface PresenceData {
  /** Conversation rooms this socket joined (with access checked), with the department they belong to. */
  joined?: Map<string, Presence>;
  name?: string;
}

export type PresenceAnswer = { ok: true } | { ok: false; status: 403; error: string };

/**
 * Who is typing in and viewing a conversation: accepted only from a socket in the conversation's room, sent to
 * that room through the cluster transport (so every api process's sockets in it hear it). Leaving the room or
 * disconnecting ends both; typing also ends by itself after realtime.typingSeconds without a refresh.
 */
@Injectable()
export class SocketPresence {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly realtime: Realtime,
    private readonly availability: AgentAvailabilityService,
  ) {}

  /** Called once the gateway let the socket into the conversation's room. */
  entered(socket: Socket, conversationId: string, departmentId: string): void {
    const joined = presenceData(socket).joined;
    if (!joined.has(conversationId))
      joined.set(conversationId, { departmentId, typing: false, viewing: false });
  }

  async set(socket: Socket, request: PresenceRequest): Promise<PresenceAnswer> {
    const presence = presenceData(socket).joined.get(request.conversationId);
    if (!presence || !socket.rooms.has(conversationRoom(request.conversationId)))
      return {
        ok: false,
        status: 403,
        error: `join conversation ${request.conversationId} first: presence is only taken from its room`,
      };
    if ('typing' in request) {
      clearTimeout(presence.typingTimer);
      presence.typing = request.typing;
      if (request.typing) {
        presence.typingTimer = setTimeout(
          () => void this.expireTyping(socket, request.conversationId),
          this.config.realtime.typingSeconds * 1000,
        );
        presence.typingTimer.unref();
      }
    } else presence.viewing = request.viewing;
    await this.send(socket, request.conversationId, presence);
    return { ok: true };
  }

  /**
   * The socket leaves the conversation's room (asks to, or disconnects): its presence there ends, told to the room
   * while the socket is still in it. A socket already taken out (it lost access) tells nothing.
   */
  async left(socket: Socket, conversationId: string): Promise<void> {
    const joined = presenceData(socket).joined;
    const presence = joined.get(conversationId);
    if (!presence) return;
    joined.delete(conversationId);
    clearTimeout(presence.typingTimer);
    if (!socket.rooms.has(conversationRoom(conversationId))) return;
    if (!presence.typing && !presence.viewing) return;
    presence.typing = false;
    presence.viewing = false;
    await this.send(socket, conversationId, presence);
  }

  /** Called on `disconnecting`, while the socket is still in its rooms. */
  async disconnecting(socket: Socket): Promise<void> {
    for (const conversationId of [...presenceData(socket).joined.keys()])
      await this.left(socket, conversationId);
  }

  private async expireTyping(socket: Socket, conversationId: string): Promise<void> {
    const presence = presenceData(socket).joined.get(conversationId);
    if (!presence?.typing || !socket.rooms.has(conversationRoom(conversationId))) return;
    presence.typing = false;
    await this.send(socket, conversationId, presence).catch(() => undefined);
  }

  private async send(socket: Socket, conversationId: string, presence: Presence): Promise<void> {
    const { actor } = socketAccess(socket);
    const data = presenceData(socket);
    data.name ??= actor.type === 'user' ? await this.availability.nameOf(actor.id) : actor.label;
    await this.realtime.emit({
      type: 'presence',
      departmentId: presence.departmentId,
      conversationId,
      audience: 'conversation',
      data: {
        conversationId,
        userId: actor.id,
        name: data.name,
        typing: presence.typing,
        viewing: presence.viewing,
      },
    });
  }
}

function presenceData(socket: Socket): Required<Pick<PresenceData, 'joined'>> & PresenceData {
  const data = socket.data as PresenceData;
  data.joined ??= new Map();
  return data as Required<Pick<PresenceData, 'joined'>> & PresenceData;
}
