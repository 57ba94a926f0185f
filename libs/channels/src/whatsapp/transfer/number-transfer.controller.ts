import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { NumberTransferView, transferToNumberRequest, TransferToNumberRequest } from '@switchboard/contracts';
import { requestBodySchema, ZodValidationPipe } from '@switchboard/engine';
import { RequirePermission } from '@switchboard/identity';
import { NumberTransferService } from './number-transfer.service';
import { NumberTransferDto } from './transfer-responses.dto';

/** Transfer to another number of the same WhatsApp account (a department transfer is POST .../transfer). */
@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/conversations/:id/transfer-to-number')
export class NumberTransferController {
  constructor(private readonly transfers: NumberTransferService) {}

  @Post()
  @HttpCode(200)
  @RequirePermission('conversations.reply')
  @ApiOperation({
    summary: 'Continue the conversation from another number of the same WhatsApp Business Account',
    description:
      "Meta ties a conversation and its 24-hour window to one customer and one business number, so a conversation cannot change numbers. The customer's open conversation on the target number is used, or a new one (with its card) is opened there in that number's department, unowned and routed like any new one; the original is closed with the note, and both cards' timelines link the other. Until the customer writes to the target number, replies from it need an approved template (`windowOpen: false`). Audited (`conversation.transferred_to_number`).",
  })
  @ApiBody({ schema: requestBodySchema(transferToNumberRequest) })
  @ApiOkResponse({ type: NumberTransferDto })
  @ApiResponse({ status: 400, description: 'numberId missing or not a uuid, or the note too long (named)' })
  @ApiResponse({ status: 403, description: 'Your role in its department may not transfer conversations' })
  @ApiResponse({ status: 404, description: 'No such conversation, or not readable by you' })
  @ApiResponse({
    status: 409,
    description:
      'Closed (conversation_closed), already on that number (same_number), or owned by another agent (not_owner)',
  })
  @ApiResponse({
    status: 422,
    description:
      'numberId: unknown or not visible to you (unknown_number), of another WhatsApp Business Account (other_account), disabled (number_disabled) or archived (number_archived); or its department is archived',
  })
  transfer(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(transferToNumberRequest)) body: TransferToNumberRequest,
  ): Promise<NumberTransferView> {
    return this.transfers.transfer(id, body);
  }
}
