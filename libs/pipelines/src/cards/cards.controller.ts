import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AddCardNoteRequest,
  addCardNoteRequest,
  CardEventView,
  CardView,
  ListCardsQuery,
  listCardsQuery,
  MoveCardRequest,
  moveCardRequest,
  Page,
  UpdateCardRequest,
  updateCardRequest,
} from '@switchboard/contracts';
import { requestBodySchema, ZodValidationPipe } from '@switchboard/engine';
import { AccessScope, RequirePermission } from '@switchboard/identity';
import { z } from 'zod';
import { CardActionService } from './card-action.service';
import { CardAccess, CardActor, CardCommandsService } from './card-commands.service';
import { CardQueryService } from './card-query.service';
import { CardDto, CardPageDto } from './card-responses.dto';
import { ApiQueryOf } from '../pipelines/api-query-of';

const body = (schema: z.ZodType) => ({ schema: requestBodySchema(schema) });

/** What the read routes say of the conversation state fields, in the OpenAPI document. */
const CARD_STATE =
  "Each card carries its conversation's state for lists and screens: `lastSpeaker` (customer, agent, system), `waitingSince`, `window` (`closesAt`, `open`, `templateOnly`: Meta's 24-hour free-reply window) and `sla` (`status`: green when the team spoke last, yellow while the customer waits (also with no SLA policy, then without a deadline), red past a deadline; `warning`, `clockKind`, `dueAt`, `timeLeftMs` or `overdueMs` computed when read, `paused`).";

@ApiTags('cards')
@ApiBearerAuth()
@Controller('api/cards')
export class CardsController {
  constructor(
    private readonly query: CardQueryService,
    private readonly commands: CardCommandsService,
    private readonly actions: CardActionService,
    private readonly scope: AccessScope,
  ) {}

  @Get()
  @RequirePermission('conversations.read')
  @ApiOperation({
    summary:
      'Cards, newest first: filter by pipeline, department, stage, assignee, label, priority; search with q',
    description: CARD_STATE,
  })
  @ApiQueryOf(listCardsQuery)
  @ApiOkResponse({ type: CardPageDto })
  list(@Query(new ZodValidationPipe(listCardsQuery)) q: ListCardsQuery): Promise<Page<CardView>> {
    return this.query.list(q);
  }

  @Get(':id')
  @RequirePermission('conversations.read')
  @ApiOperation({ summary: 'One card with its stage, field values and customer', description: CARD_STATE })
  @ApiOkResponse({ type: CardDto })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<CardView> {
    return this.query.get(id);
  }

  @Patch(':id')
  @RequirePermission('cards.write')
  @ApiOperation({
    summary: 'Change the title or field values (validated by field type; null clears a field)',
  })
  @ApiBody(body(updateCardRequest))
  @ApiOkResponse({ type: CardDto })
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(updateCardRequest)) req: UpdateCardRequest,
  ): Promise<CardView> {
    await this.commands.update(id, req, this.actor(), this.access());
    return this.query.get(id);
  }

  @Post(':id/move')
  @HttpCode(200)
  @RequirePermission('cards.write')
  @ApiOperation({
    summary:
      'Move to another stage: 422 when required fields are missing (`missingFields`: their keys), 409 at the WIP limit (`code: wip_limit`) or for a retired stage, 400 naming a field value that does not fit its type',
  })
  @ApiBody(body(moveCardRequest))
  @ApiOkResponse({ type: CardDto })
  async move(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(moveCardRequest)) req: MoveCardRequest,
  ): Promise<CardView> {
    await this.commands.move(id, req.stage, req.fields, this.actor(), this.access());
    return this.query.get(id);
  }

  @Post(':id/notes')
  @RequirePermission('cards.write')
  @ApiOperation({ summary: 'Add an internal note to the card timeline (never sent to the customer)' })
  @ApiBody(body(addCardNoteRequest))
  async note(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(addCardNoteRequest)) req: AddCardNoteRequest,
  ): Promise<{ id: string }> {
    return { id: await this.commands.addNote(id, req.text, this.actor(), this.access()) };
  }

  @Get(':id/timeline')
  @RequirePermission('conversations.read')
  @ApiOperation({
    summary: 'The card timeline, oldest first: created, stage moves (who, when, from, to), edits, notes',
  })
  timeline(@Param('id', ParseUUIDPipe) id: string): Promise<CardEventView[]> {
    return this.query.timeline(id);
  }

  @Post(':id/actions/:pluginId/:action')
  @HttpCode(202)
  @RequirePermission('cards.write')
  @ApiOperation({ summary: "Run a plugin's card action on the card (queued; the timeline records it)" })
  async action(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('pluginId') pluginId: string,
    @Param('action') action: string,
  ): Promise<{ id: string }> {
    return { id: await this.actions.request(id, pluginId, action, this.actor(), this.access()) };
  }

  private actor(): CardActor {
    const a = this.scope.actor();
    return { type: a.type, id: a.id, label: a.label };
  }

  private access(): CardAccess {
    return (departmentId) => this.scope.assertIn('cards.write', departmentId, 'card');
  }
}
