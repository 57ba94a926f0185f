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
      "The conversation's SLA clocks (first/next response, resolution, stages: state, counted time, deadlines) and every transition that explains them",
  })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ConversationSlaView> {
    return this.query.get(id);
  }
}
