import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  createQuickReplyRequest,
  CreateQuickReplyRequest,
  QuickReplyView,
  updateQuickReplyRequest,
  UpdateQuickReplyRequest,
} from '@switchboard/contracts';
import { requestBodySchema, ZodValidationPipe } from '@switchboard/engine';
import { RequirePermission } from '@switchboard/identity';
import { QuickRepliesService } from './quick-replies.service';
import { QuickReplyDto } from './quick-reply-responses.dto';

/** A department's shared quick replies: its agents read them in the composer, its supervisors edit them. */
@ApiTags('quick-replies')
@ApiBearerAuth()
@Controller('api')
@ApiResponse({ status: 404, description: 'No such department or quick reply, or not visible to you' })
export class QuickRepliesController {
  constructor(private readonly replies: QuickRepliesService) {}

  @Get('departments/:id/quick-replies')
  @RequirePermission('conversations.read')
  @ApiOperation({ summary: "The department's quick replies, sorted by shortcut" })
  @ApiOkResponse({ type: [QuickReplyDto] })
  list(@Param('id', ParseUUIDPipe) id: string): Promise<QuickReplyView[]> {
    return this.replies.list(id);
  }

  @Post('departments/:id/quick-replies')
  @RequirePermission('routing.manage')
  @ApiOperation({ summary: 'Add a quick reply (at most 200 per department; audited)' })
  @ApiBody({ schema: requestBodySchema(createQuickReplyRequest) })
  @ApiCreatedResponse({ type: QuickReplyDto })
  @ApiResponse({
    status: 400,
    description: 'A field is missing, too long or holds an unknown placeholder (named)',
  })
  @ApiResponse({ status: 403, description: 'You lack routing.manage in the department' })
  @ApiResponse({ status: 409, description: 'The shortcut is already used in the department' })
  @ApiResponse({ status: 422, description: 'The department already has 200 quick replies' })
  create(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(createQuickReplyRequest)) body: CreateQuickReplyRequest,
  ): Promise<QuickReplyView> {
    return this.replies.create(id, body);
  }

  @Patch('quick-replies/:id')
  @RequirePermission('routing.manage')
  @ApiOperation({ summary: 'Change a quick reply’s shortcut, title or text (audited)' })
  @ApiBody({ schema: requestBodySchema(updateQuickReplyRequest) })
  @ApiOkResponse({ type: QuickReplyDto })
  @ApiResponse({
    status: 400,
    description: 'A field is empty, too long or holds an unknown placeholder (named)',
  })
  @ApiResponse({ status: 403, description: 'You lack routing.manage in its department' })
  @ApiResponse({ status: 409, description: 'The shortcut is already used in the department' })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(updateQuickReplyRequest)) body: UpdateQuickReplyRequest,
  ): Promise<QuickReplyView> {
    return this.replies.update(id, body);
  }

  @Delete('quick-replies/:id')
  @HttpCode(204)
  @RequirePermission('routing.manage')
  @ApiOperation({ summary: 'Delete a quick reply (audited)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiResponse({ status: 403, description: 'You lack routing.manage in its department' })
  async remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.replies.remove(id);
  }
}
