/** Socket.IO room names. A socket is put in a room only after the access scope allowed it (see the api gateway). */
export const departmentRoom = (departmentId: string): string => `department:${departmentId}`;
export const conversationRoom = (conversationId: string): string => `conversation:${conversationId}`;
