import { Body, Controller, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ConversationReadView, markReadRequest, MarkReadRequest } from '@switchboard/contracts';
import { requestBodySchema, ZodValidationPipe } from '@switchboard/engine';
import { RequirePermission } from '@switchboard/identity';
import { z } from 'zod';
import { ConversationQueryService } from '../query/conversation-query.service';
import { ConversationReadDto } from './conversation-read.dto';
import { CONVERSATION_READ_EVENT, ConversationReadsService } from './conversation-reads.service';

// The body is optional: none reads everything.
const optionalBody = z.preprocess((v) => v ?? {}, markReadRequest);

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/conversations/:id/read')
export class ConversationReadsController {
  constructor(
    private readonly conversations: ConversationQueryService,
    private readonly reads: ConversationReadsService,
  ) {}

  @Post()
  @HttpCode(200)
  @RequirePermission('conversations.read')
  @ApiOperation({
    summary: 'Mark the conversation read for the caller, up to a message or (no body) everything so far',
    description: `Sets the caller's own read mark: the last customer message read. It only moves forward (an older \`messageId\` leaves a newer mark in place), and other users' marks and counts are untouched. When it moves, the caller's own sockets get \`${CONVERSATION_READ_EVENT}\` (data: this answer and the conversation's \`lastMessageId\`), so their other tabs clear the count.`,
  })
  @ApiBody({ schema: requestBodySchema(markReadRequest), required: false })
  @ApiOkResponse({ type: ConversationReadDto })
  @ApiResponse({ status: 400, description: '`messageId` is not a message of this conversation' })
  @ApiResponse({ status: 404, description: 'No such conversation, or not readable by you' })
  async markRead(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe<MarkReadRequest>(optionalBody)) body: MarkReadRequest,
  ): Promise<ConversationReadView> {
    const conversation = await this.conversations.get(id);
    if (!conversation) throw new NotFoundException(`conversation ${id} not found`);
    return this.reads.markRead({ id, departmentId: conversation.department.id }, body.messageId);
  }
}
