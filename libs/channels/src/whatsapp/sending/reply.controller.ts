import {
  Body,
  Controller,
  Headers,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { MessageView, replyRequest, ReplyRequest } from '@switchboard/contracts';
import { ConversationQueryService } from '@switchboard/conversations';
import { requestBodySchema, ZodValidationPipe } from '@switchboard/engine';
import { AccessScope, RequirePermission } from '@switchboard/identity';
import { ReplyService } from './reply.service';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/conversations')
export class ReplyController {
  constructor(
    private readonly replies: ReplyService,
    private readonly query: ConversationQueryService,
    private readonly scope: AccessScope,
  ) {}

  @Post(':id/messages')
  @RequirePermission('conversations.reply')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a reply (text, media, or template). Accepted for sending; statuses arrive from Meta.',
  })
  @ApiBody({
    schema: requestBodySchema(replyRequest),
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Repeating a request with the same key on the same conversation returns the first message; keys are per conversation',
  })
  @ApiResponse({
    status: 409,
    description:
      "24-hour window closed (a template is needed), conversation closed, the number needs a new token, the WABA's templates were never synced (templates_not_synced), or a MARKETING template to a customer who stopped marketing messages (marketing_opt_out)",
  })
  @ApiResponse({
    status: 422,
    description:
      'A template send that does not fit the stored template (unknown name or language, not APPROVED, deleted, parameters, header kind, buttons): `code` and the offending `parameter` path; nothing is stored or sent',
  })
  async reply(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(replyRequest)) body: ReplyRequest,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<MessageView> {
    // Visible (else 404) and repliable by this actor in its department (else 403), before anything is written.
    const conversation = await this.query.get(id);
    this.scope.assertIn('conversations.reply', conversation?.department.id ?? null, `conversation ${id}`);
    const key = idempotencyKey?.trim() ? idempotencyKey.trim().slice(0, 200) : undefined;
    const { messageId } = await this.replies.reply(id, body, key);
    const view = await this.query.message(messageId);
    if (!view) throw new NotFoundException(`message ${messageId} not found`);
    return view;
  }
}
