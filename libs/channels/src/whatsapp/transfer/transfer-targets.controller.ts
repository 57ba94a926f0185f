import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { transferTargetsQuery, TransferTargetsQuery, TransferTargetsView } from '@switchboard/contracts';
import { ZodValidationPipe } from '@switchboard/engine';
import { RequirePermission } from '@switchboard/identity';
import { TransferTargetsService } from './transfer-targets.service';
import { TransferTargetsDto } from './transfer-responses.dto';

/** What the transfer dialog offers: agents and supervisors read it, the departments API is admin-only. */
@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/me/transfer-targets')
export class TransferTargetsController {
  constructor(private readonly targets: TransferTargetsService) {}

  @Get()
  @RequirePermission('conversations.reply')
  @ApiOperation({
    summary:
      'Departments you may transfer conversations to (members-only ones only for members) and enabled numbers of the same WhatsApp accounts',
  })
  @ApiQuery({
    name: 'conversationId',
    required: false,
    schema: { type: 'string', format: 'uuid' },
    description:
      "Numbers of this conversation's WhatsApp account only, without its own number; none for a conversation you may not transfer",
  })
  @ApiOkResponse({ type: TransferTargetsDto })
  @ApiResponse({ status: 400, description: 'conversationId: not a uuid' })
  list(
    @Query(new ZodValidationPipe(transferTargetsQuery)) q: TransferTargetsQuery,
  ): Promise<TransferTargetsView> {
    return this.targets.list(q.conversationId);
  }
}
