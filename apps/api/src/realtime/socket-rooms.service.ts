import { Injectable, NotFoundException } from '@nestjs/common';
import { RoomAnswer, RoomRequest } from '@switchboard/contracts';
import { ConversationQueryService } from '@switchboard/conversations';
import { conversationRoom, departmentRoom } from '@switchboard/engine';
import { DepartmentAdminService } from '@switchboard/pipelines';
import type { Socket } from 'socket.io';
import { asActor } from './as-actor';
import { socketAccess } from './socket-access';

const DEPARTMENT = 'department:';
const CONVERSATION = 'conversation:';

/**
 * Which rooms a socket is in, decided only through the scoped read services (AccessScope behind them): a
 * department or conversation the actor cannot read over HTTP is refused like a 404 there.
 */
@Injectable()
export class SocketRooms {
  constructor(
    private readonly departments: DepartmentAdminService,
    private readonly conversations: ConversationQueryService,
  ) {}

  /**
   * Puts the socket in the room of every department its actor may read and takes it out of those it no longer may;
   * conversation rooms it may no longer read are left too. Returns the rooms it is in.
   */
  async sync(socket: Socket): Promise<string[]> {
    const { actor } = socketAccess(socket);
    const allowed = new Set((await this.readableDepartments(socket)).map(departmentRoom));
    for (const room of socket.rooms) {
      if (room.startsWith(DEPARTMENT) && !allowed.has(room)) await socket.leave(room);
      if (room.startsWith(CONVERSATION)) {
        const id = room.slice(CONVERSATION.length);
        const visible = await asActor(actor, socket.handshake.address, () => this.conversations.get(id));
        if (!visible) await socket.leave(room);
      }
    }
    await socket.join([...allowed]);
    return [...socket.rooms].filter((r) => r !== socket.id);
  }

  async join(socket: Socket, request: RoomRequest): Promise<RoomAnswer> {
    const { actor } = socketAccess(socket);
    const ip = socket.handshake.address;
    if ('department' in request) {
      try {
        await asActor(actor, ip, () => this.departments.get(request.department));
      } catch (e) {
        if (e instanceof NotFoundException) return notFound(`department ${request.department}`);
        throw e;
      }
      const room = departmentRoom(request.department);
      await socket.join(room);
      return { ok: true, room };
    }
    const conversation = await asActor(actor, ip, () => this.conversations.get(request.conversation));
    if (!conversation) return notFound(`conversation ${request.conversation}`);
    const room = conversationRoom(request.conversation);
    await socket.join(room);
    return { ok: true, room };
  }

  async leave(socket: Socket, request: RoomRequest): Promise<RoomAnswer> {
    const room =
      'department' in request ? departmentRoom(request.department) : conversationRoom(request.conversation);
    await socket.leave(room);
    return { ok: true, room };
  }

  private readableDepartments(socket: Socket): Promise<string[]> {
    const { actor } = socketAccess(socket);
    return asActor(actor, socket.handshake.address, async () => {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await this.departments.list({ limit: 200, cursor });
        ids.push(...page.items.map((d) => d.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return ids;
    });
  }
}

const notFound = (what: string): RoomAnswer => ({ ok: false, status: 404, error: `${what} not found` });
