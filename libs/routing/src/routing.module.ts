import { Module } from '@nestjs/common';

/**
 * Routing rules per department and number (the department plugins' and the admins'), evaluated when a conversation
 * opens, reopens or is transferred; each decision is written on the card timeline.
 */
@Module({})
export class RoutingModule {}
