import { Body, Controller, Delete, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  changeLabelsRequest,
  ChangeLabelsRequest,
  closeConversationRequest,
  CloseConversationRequest,
  ConversationView,
  setPriorityRequest,
  SetPriorityRequest,
  snoozeConversationRequest,
  SnoozeConversationRequest,
  takeOverRequest,
  TakeOverRequest,
  transferConversationRequest,
  TransferConversationRequest,
} from '@switchboard/contracts';
import { requestBodySchema, ZodValidationPipe } from '@switchboard/engine';
import { RequirePermission } from '@switchboard/identity';
import { ConversationDto } from '../query/conversation-responses.dto';
import { ConversationActionsService } from './conversation-actions.service';

/** Close, reopen, snooze, priority, labels, take-over and transfer of one conversation. */
@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/conversations/:id')
@ApiResponse({ status: 404, description: 'No such conversation, or not readable by you' })
export class ConversationOwnershipController {
  constructor(private readonly actions: ConversationActionsService) {}

  @Post('close')
  @HttpCode(200)
  @RequirePermission('conversations.reply')
  @ApiOperation({ summary: 'Close the conversation (its owner is kept as history)' })
  @ApiBody({ schema: requestBodySchema(closeConversationRequest) })
  @ApiResponse({ status: 409, description: 'Already closed' })
  @ApiOkResponse({ type: ConversationDto })
  close(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(closeConversationRequest)) body: CloseConversationRequest,
  ): Promise<ConversationView> {
    return this.actions.close(id, body.note);
  }

  @Post('reopen')
  @HttpCode(200)
  @RequirePermission('conversations.reply')
  @ApiOperation({
    summary: 'Reopen a closed conversation: unowned, back in its queue for routing and assignment',
  })
  @ApiResponse({
    status: 409,
    description: 'Already open, or another conversation with this contact on this number is open (named)',
  })
  @ApiOkResponse({ type: ConversationDto })
  reopen(@Param('id', ParseUUIDPipe) id: string): Promise<ConversationView> {
    return this.actions.reopen(id);
  }

  @Post('snooze')
  @HttpCode(200)
  @RequirePermission('conversations.reply')
  @ApiOperation({
    summary: "Snooze until a time (future, at most 90 days) or until the customer's next message",
  })
  @ApiBody({ schema: requestBodySchema(snoozeConversationRequest) })
  @ApiResponse({ status: 422, description: '`until` in the past or more than 90 days away' })
  @ApiResponse({ status: 409, description: 'The conversation is closed' })
  @ApiOkResponse({ type: ConversationDto })
  snooze(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(snoozeConversationRequest)) body: SnoozeConversationRequest,
  ): Promise<ConversationView> {
    return this.actions.snooze(id, body);
  }

  @Delete('snooze')
  @RequirePermission('conversations.reply')
  @ApiOperation({ summary: 'Wake a snoozed conversation now' })
  @ApiOkResponse({ type: ConversationDto })
  unsnooze(@Param('id', ParseUUIDPipe) id: string): Promise<ConversationView> {
    return this.actions.unsnooze(id);
  }

  @Put('priority')
  @RequirePermission('conversations.reply')
  @ApiOperation({ summary: 'Set the priority: low, normal, high or urgent (queues serve urgent first)' })
  @ApiBody({ schema: requestBodySchema(setPriorityRequest) })
  @ApiOkResponse({ type: ConversationDto })
  setPriority(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(setPriorityRequest)) body: SetPriorityRequest,
  ): Promise<ConversationView> {
    return this.actions.setPriority(id, body.priority);
  }

  @Post('labels')
  @HttpCode(200)
  @RequirePermission('conversations.reply')
  @ApiOperation({ summary: 'Add and remove labels (trimmed, lowercased; at most 20 per conversation)' })
  @ApiBody({ schema: requestBodySchema(changeLabelsRequest) })
  @ApiResponse({
    status: 422,
    description: 'A label is not 1–40 lowercase letters, digits, -, _ or spaces (named), or more than 20',
  })
  @ApiOkResponse({ type: ConversationDto })
  changeLabels(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(changeLabelsRequest)) body: ChangeLabelsRequest,
  ): Promise<ConversationView> {
    return this.actions.changeLabels(id, body);
  }

  @Post('take-over')
  @HttpCode(200)
  @RequirePermission('conversations.take_over')
  @ApiOperation({
    summary:
      'A supervisor becomes the owner (audited; the previous owner is told through conversation.assigned)',
  })
  @ApiBody({ schema: requestBodySchema(takeOverRequest) })
  @ApiResponse({ status: 403, description: 'You lack conversations.take_over in its department' })
  @ApiResponse({ status: 409, description: 'The conversation is closed' })
  @ApiOkResponse({ type: ConversationDto })
  takeOver(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(takeOverRequest)) body: TakeOverRequest,
  ): Promise<ConversationView> {
    return this.actions.takeOver(id, body.note);
  }

  @Post('transfer')
  @HttpCode(204)
  @RequirePermission('conversations.reply')
  @ApiOperation({
    summary:
      "Move the conversation and its card to another department's default pipeline, keeping one timeline; unowned there",
  })
  @ApiBody({ schema: requestBodySchema(transferConversationRequest) })
  @ApiResponse({ status: 409, description: 'Closed, or already in that department' })
  @ApiResponse({ status: 422, description: 'The target department does not exist or is archived (named)' })
  async transfer(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(transferConversationRequest)) body: TransferConversationRequest,
  ): Promise<void> {
    await this.actions.transfer(id, body.departmentId, body.note);
  }
}
