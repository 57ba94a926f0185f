import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  QueueView,
  queueWaitingQuery,
  QueueWaitingQuery,
  setQueueRequest,
  SetQueueRequest,
  WaitingConversationView,
} from '@switchboard/contracts';
import { requestBodySchema, ZodValidationPipe } from '@switchboard/engine';
import { RequirePermission } from '@switchboard/identity';
import { QueuesService } from './queues.service';

/** A department's assignment queues: strategy, matching and hand-over policies, and what waits in them. */
@ApiTags('assignment')
@ApiBearerAuth()
@Controller('api/departments/:id')
export class QueuesController {
  constructor(private readonly queues: QueuesService) {}

  @Get('queues')
  @RequirePermission('conversations.read')
  @ApiOperation({ summary: "The department's queue and its teams' queues, with strategy and policies" })
  list(@Param('id', ParseUUIDPipe) id: string): Promise<QueueView[]> {
    return this.queues.list(id);
  }

  @Put('queues/default')
  @RequirePermission('conversations.assign')
  @ApiOperation({ summary: "Configure the department's own queue" })
  @ApiBody({ schema: requestBodySchema(setQueueRequest) })
  setDefault(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(setQueueRequest)) body: SetQueueRequest,
  ): Promise<QueueView> {
    return this.queues.set(id, null, body);
  }

  @Put('queues/teams/:teamId')
  @RequirePermission('conversations.assign')
  @ApiOperation({ summary: "Configure a team's queue in the department" })
  @ApiBody({ schema: requestBodySchema(setQueueRequest) })
  setTeam(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Body(new ZodValidationPipe(setQueueRequest)) body: SetQueueRequest,
  ): Promise<QueueView> {
    return this.queues.set(id, teamId, body);
  }

  @Get('queue')
  @RequirePermission('conversations.read')
  @ApiOperation({ summary: 'Conversations waiting for an owner in a queue: priority, then age' })
  waiting(
    @Param('id', ParseUUIDPipe) id: string,
    @Query(new ZodValidationPipe(queueWaitingQuery)) query: QueueWaitingQuery,
  ): Promise<WaitingConversationView[]> {
    return this.queues.waiting(id, query.teamId ?? null);
  }
}
