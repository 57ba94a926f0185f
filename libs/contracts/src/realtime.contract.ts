import { z } from 'zod';

/** Socket event `join` / `leave`: one department room or one conversation room; the server decides. */
export const roomRequest = z.union([
  z.strictObject({ department: z.uuid() }),
  z.strictObject({ conversation: z.uuid() }),
]);
export type RoomRequest = z.infer<typeof roomRequest>;

/** The acknowledgement of `join` / `leave`: the room, or why not (404 for what the caller may not see). */
export type RoomAnswer = { ok: true; room: string } | { ok: false; status: 400 | 404; error: string };

/** Socket events `typing` / `viewing`: the sender's presence in a conversation whose room it joined. */
export const typingRequest = z.strictObject({ conversationId: z.uuid(), typing: z.boolean() });
export const viewingRequest = z.strictObject({ conversationId: z.uuid(), viewing: z.boolean() });
export type PresenceRequest = z.infer<typeof typingRequest> | z.infer<typeof viewingRequest>;

/** GET /api/realtime/events: the socket events after a cursor, for a client resyncing after a reconnect. */
export const realtimeEventsQuery = z.strictObject({
  after: z.string().min(1),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type RealtimeEventsQuery = z.infer<typeof realtimeEventsQuery>;

export interface RealtimeEventView {
  type: string;
  departmentId: string;
  conversationId?: string;
  data: Record<string, unknown>;
  cursor: string;
  at: string;
}

export interface RealtimeEventsPage {
  events: RealtimeEventView[];
  nextCursor: string;
  more: boolean;
}
