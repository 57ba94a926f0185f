/** Socket.IO room names. A socket is put in a room only after the access scope allowed it (see the api gateway). */
export const departmentRoom = (departmentId: string): string => `department:${departmentId}`;
export const conversationRoom = (conversationId: string): string => `conversation:${conversationId}`;
/**
 * A user's own room within one department: a socket joins it for every department it may read, so an event sent
 * to a user (a conversation assigned to them, taken from them) stays scoped like every other event.
 */
export const userRoom = (userId: string, departmentId: string): string =>
  `user:${userId}:department:${departmentId}`;
