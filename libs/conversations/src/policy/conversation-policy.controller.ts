import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  conversationPolicyRequest,
  ConversationPolicyRequest,
  ConversationPolicyView,
} from '@switchboard/contracts';
import { requestBodySchema, ZodValidationPipe } from '@switchboard/engine';
import { RequirePermission } from '@switchboard/identity';
import { ConversationPolicyService } from './conversation-policy.service';

/** What a customer message after close does in a department: reopen (within a window) or open a new conversation. */
@ApiTags('departments')
@ApiBearerAuth()
@Controller('api/departments/:id/conversation-policy')
export class ConversationPolicyController {
  constructor(private readonly policies: ConversationPolicyService) {}

  @Get()
  @RequirePermission('agents.manage')
  @ApiOperation({
    summary: "The department's policy for a customer writing after close (default: a new conversation)",
  })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ConversationPolicyView> {
    return this.policies.get(id);
  }

  @Put()
  @RequirePermission('agents.manage')
  @ApiOperation({
    summary:
      'Set it: `reopen` reopens the closed conversation when it closed less than reopenWindowMinutes ago, else (and with `new`) a new conversation and card',
  })
  @ApiBody({ schema: requestBodySchema(conversationPolicyRequest) })
  set(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(conversationPolicyRequest)) body: ConversationPolicyRequest,
  ): Promise<ConversationPolicyView> {
    return this.policies.set(id, body);
  }
}
