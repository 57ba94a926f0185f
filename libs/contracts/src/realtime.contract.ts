import { z } from 'zod';

/** Socket event `join` / `leave`: one department room or one conversation room; the server decides. */
export const roomRequest = z.union([
  z.strictObject({ department: z.uuid() }),
  z.strictObject({ conversation: z.uuid() }),
]);
export type RoomRequest = z.infer<typeof roomRequest>;

/** The acknowledgement of `join` / `leave`: the room, or why not (404 for what the caller may not see). */
export type RoomAnswer = { ok: true; room: string } | { ok: false; status: 400 | 404; error: string };
