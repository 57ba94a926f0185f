import { ConflictException } from '@nestjs/common';

/** 409 `closed`: a closed conversation is neither claimed nor assigned. */
export function closedConversation(conversationId: string): ConflictException {
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    code: 'closed',
    message: `conversation ${conversationId} is closed: reopen it first`,
  });
}

/** 409 `over_capacity`, with the load and capacity counted under the agent's lock (`suffix` says what was not done). */
export function overCapacity(userId: string, load: number, capacity: number, suffix = ''): ConflictException {
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    code: 'over_capacity',
    message: `user ${userId} already has ${load} open conversations in this department (capacity ${capacity})${suffix}`,
    userId,
    load,
    capacity,
  });
}
