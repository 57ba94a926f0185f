import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ConversationView,
  listConversationsQuery,
  ListConversationsQuery,
  listMessagesQuery,
  ListMessagesQuery,
  MessageView,
  Page,
} from '@switchboard/contracts';
import { ZodValidationPipe } from '@switchboard/engine';
import { RequirePermission } from '@switchboard/identity';
import { ApiQueryOf } from './api-query-of';
import { ConversationQueryService } from './conversation-query.service';
import { ConversationDto, ConversationPageDto, MessagePageDto } from './conversation-responses.dto';

/** What the read routes say of the state fields, in the OpenAPI document. */
const CONVERSATION_STATE =
  "Each item carries its state for lists and screens: `lastSpeaker` (customer, agent, system), `waitingSince`, `window` (`closesAt`, `open`, `templateOnly`: Meta's 24-hour free-reply window) and `sla` (`status`: green when the team spoke last, yellow while the customer waits (also with no SLA policy, then without a deadline), red past a deadline; `warning`, `clockKind`, `dueAt`, `timeLeftMs` or `overdueMs` computed when read, `paused`).";

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/conversations')
export class ConversationsController {
  constructor(private readonly query: ConversationQueryService) {}

  @Get()
  @RequirePermission('conversations.read')
  @ApiOperation({
    summary: 'List conversations, newest activity first (keyset pagination via nextCursor)',
    description: CONVERSATION_STATE,
  })
  @ApiQueryOf(listConversationsQuery)
  @ApiOkResponse({ type: ConversationPageDto })
  list(
    @Query(new ZodValidationPipe(listConversationsQuery)) q: ListConversationsQuery,
  ): Promise<Page<ConversationView>> {
    return this.query.list(q);
  }

  @Get(':id')
  @RequirePermission('conversations.read')
  @ApiOperation({
    summary: 'One conversation with contact, department, card stage, last message and waiting state',
    description: CONVERSATION_STATE,
  })
  @ApiOkResponse({ type: ConversationDto })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<ConversationView> {
    const found = await this.query.get(id);
    if (!found) throw new NotFoundException(`conversation ${id} not found`);
    return found;
  }

  @Get(':id/messages')
  @RequirePermission('conversations.read')
  @ApiOperation({
    summary: 'Messages of a conversation, oldest first within a page; page back with `before`',
  })
  @ApiQueryOf(listMessagesQuery)
  @ApiOkResponse({ type: MessagePageDto })
  async messages(
    @Param('id', ParseUUIDPipe) id: string,
    @Query(new ZodValidationPipe(listMessagesQuery)) q: ListMessagesQuery,
  ): Promise<Page<MessageView>> {
    if (!(await this.query.get(id))) throw new NotFoundException(`conversation ${id} not found`);
    return this.query.messages(id, q);
  }
}
