import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@switchboard/identity';
import { ConversationSlaQuery } from './conversation-sla.query';
import type { ConversationSlaView } from './sla-clocks.view';

@ApiTags('sla')
@ApiBearerAuth()
@Controller('api/conversations')
export class ConversationSlaController {
  constructor(private readonly query: ConversationSlaQuery) {}

  @Get(':id/sla')
  @RequirePermission('conversations.read')
  @ApiOperation({
    summary:
      "The conversation's SLA clocks (first/next response, resolution, stages: state, counted time, deadlines) and the transitions that explain them",
    description:
      "Transitions are oldest first, at most the latest 500 per clock; `truncated: true` says a clock's older ones were left out (the clock's own figures stay complete). A running clock whose deadline never comes (its department's calendar has no open time ahead) shows `dueAt` and `warnAt` null.",
  })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ConversationSlaView> {
    return this.query.get(id);
  }
}
