import { Injectable, NotFoundException } from '@nestjs/common';
import { RoomAnswer, RoomRequest } from '@switchboard/contracts';
import { ConversationQueryService } from '@switchboard/conversations';
import { conversationRoom, departmentRoom, userRoom } from '@switchboard/engine';
import { DepartmentAdminService } from '@switchboard/pipelines';
import type { Socket } from 'socket.io';
import { asActor } from './as-actor';
import { readableDepartments } from './readable-departments';
import { socketAccess } from './socket-access';
import { SocketPresence } from './socket-presence.service';

const DEPARTMENT = 'department:';
const CONVERSATION = 'conversation:';
const USER = 'user:';

/**
 * Which rooms a socket is in, decided only through the scoped read services (AccessScope behind them): a
 * department or conversation the actor cannot read over HTTP is refused like a 404 there.
 */
@Injectable()
export class SocketRooms {
  constructor(
    private readonly departments: DepartmentAdminService,
    private readonly conversations: ConversationQueryService,
    private readonly presence: SocketPresence,
  ) {}

  /**
   * Puts the socket in the room of every department its actor may read and takes it out of those it no longer may;
   * conversation rooms it may no longer read are left too. A user's socket is also in their own room of each of
   * those departments (events addressed to them stay scoped). Returns the rooms it is in.
   */
  async sync(socket: Socket): Promise<string[]> {
    const { actor } = socketAccess(socket);
    const departments = await this.readableDepartments(socket);
    const allowed = new Set(departments.map(departmentRoom));
    if (actor.type === 'user') for (const d of departments) allowed.add(userRoom(actor.id, d));
    for (const room of socket.rooms) {
      if ((room.startsWith(DEPARTMENT) || room.startsWith(USER)) && !allowed.has(room))
        await socket.leave(room);
      if (room.startsWith(CONVERSATION)) {
        const id = room.slice(CONVERSATION.length);
        const visible = await asActor(actor, socket.handshake.address, () => this.conversations.get(id));
        // Access lost: out of the room first, so its presence ends without telling a room it may no longer read.
        if (!visible) {
          await socket.leave(room);
          await this.presence.left(socket, id);
        }
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
    // A transfer between the read and the join narrows the room without this socket in it: read again as the
    // actor now that it is in, and leave if it may no longer see the conversation.
    const still = await asActor(actor, ip, () => this.conversations.get(request.conversation));
    if (!still) {
      await socket.leave(room);
      return notFound(`conversation ${request.conversation}`);
    }
    this.presence.entered(socket, request.conversation, still.department.id);
    return { ok: true, room };
  }

  async leave(socket: Socket, request: RoomRequest): Promise<RoomAnswer> {
    if ('conversation' in request) {
      await this.leaveConversation(socket, request.conversation);
      return { ok: true, room: conversationRoom(request.conversation) };
    }
    const room = departmentRoom(request.department);
    await socket.leave(room);
    return { ok: true, room };
  }

  /** Leaving a conversation's room ends the socket's presence there. */
  private async leaveConversation(socket: Socket, conversationId: string): Promise<void> {
    await this.presence.left(socket, conversationId);
    await socket.leave(conversationRoom(conversationId));
  }

  private readableDepartments(socket: Socket): Promise<string[]> {
    const { actor } = socketAccess(socket);
    return asActor(actor, socket.handshake.address, () => readableDepartments(this.departments));
  }
}

const notFound = (what: string): RoomAnswer => ({ ok: false, status: 404, error: `${what} not found` });
