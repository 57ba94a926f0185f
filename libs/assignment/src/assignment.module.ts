import { Module } from '@nestjs/common';

/**
 * Who takes a conversation: queues per department (and team) with their strategy, claims, manual assignment by a
 * supervisor, and the subscribers that assign waiting conversations when capacity frees or an agent comes online.
 */
@Module({})
export class AssignmentModule {}
