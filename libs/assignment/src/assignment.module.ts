import { Global, Module } from '@nestjs/common';
import { ConversationsModule } from '@switchboard/conversations';
import { ConversationClaims, declareSubscribers } from '@switchboard/engine';
import { AgentDirectoryService } from '@switchboard/identity';
import { AgentMarksRepository } from './agents/agent-marks.repository';
import { AgentPool } from './agents/agent-pool.service';
import { AssignmentService } from './assign/assignment.service';
import { AssignmentConversationClaims } from './assign/conversation-claims.provider';
import { HandOver } from './assign/hand-over.service';
import { QueueDrainer } from './assign/queue-drainer.service';
import { ConversationAssignmentController } from './conversations/conversation-assignment.controller';
import { QueueRepository } from './queues/queue.repository';
import { QueuesController } from './queues/queues.controller';
import { QueuesService } from './queues/queues.service';
import { ASSIGNMENT_SUBSCRIBER, AssignmentSubscriber } from './subscribers/assignment.subscriber';
import { ShiftTick } from './subscribers/shift-tick.service';

/**
 * Who takes a conversation: queues per department (and team) with their strategy, claims, manual assignment by a
 * supervisor, and the subscribers that assign waiting conversations when capacity frees or an agent comes online.
 * The agent directory is provided here too (it is stateless), so the worker, which boots without the identity
 * api module, has it. Global, so channels (a library below) can inject the engine's ConversationClaims port.
 */
@Global()
@Module({
  imports: [ConversationsModule],
  controllers: [QueuesController, ConversationAssignmentController],
  providers: [
    AgentDirectoryService,
    AgentMarksRepository,
    AgentPool,
    QueueRepository,
    QueuesService,
    QueueDrainer,
    HandOver,
    AssignmentService,
    AssignmentSubscriber,
    ShiftTick,
    declareSubscribers('assignment', [ASSIGNMENT_SUBSCRIBER]),
    { provide: ConversationClaims, useClass: AssignmentConversationClaims },
  ],
  exports: [AssignmentService, ConversationClaims],
})
export class AssignmentModule {}
