import {
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  InboundEventView,
  listInboundEventsQuery,
  ListInboundEventsQuery,
  Page,
} from '@switchboard/contracts';
import { ZodValidationPipe } from '@switchboard/engine';
import { RequirePermission } from '@switchboard/identity';
import { WebhookIntakeService } from '../webhook/webhook-intake.service';
import { InboundEventQueryService } from './inbound-event-query.service';
import { InboundEventDto, InboundEventPageDto } from './inbound-event-responses.dto';

@ApiTags('intake')
@ApiBearerAuth()
@Controller('api/inbound-events')
export class InboundEventsController {
  constructor(
    private readonly events: InboundEventQueryService,
    private readonly intake: WebhookIntakeService,
  ) {}

  @Get()
  @RequirePermission('inbound_events.read')
  @ApiOperation({
    summary: 'Webhook deliveries, newest first; filter by status to find partial or failed ones',
  })
  @ApiQuery({
    name: 'status',
    required: false,
    schema: { type: 'string', enum: ['pending', 'processed', 'partial', 'failed', 'held'] },
  })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 200 } })
  @ApiQuery({ name: 'before', required: false, schema: { type: 'string' } })
  @ApiOkResponse({ type: InboundEventPageDto })
  list(
    @Query(new ZodValidationPipe(listInboundEventsQuery)) q: ListInboundEventsQuery,
  ): Promise<Page<InboundEventView>> {
    return this.events.list(q);
  }

  @Get(':id')
  @RequirePermission('inbound_events.read')
  @ApiOperation({ summary: 'One delivery with its item failures and the raw body exactly as Meta sent it' })
  @ApiOkResponse({ type: InboundEventDto })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<InboundEventView> {
    const found = await this.events.get(id);
    if (!found) throw new NotFoundException(`inbound event ${id} not found`);
    return found;
  }

  @Post(':id/replay')
  @RequirePermission('inbound_events.replay')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Process a delivery again (idempotent: stored items are skipped, failed ones are retried)',
  })
  @ApiAcceptedResponse({ type: InboundEventDto })
  async replay(@Param('id', ParseUUIDPipe) id: string): Promise<InboundEventView> {
    if (!(await this.events.markForReplay(id))) throw new NotFoundException(`inbound event ${id} not found`);
    this.intake.enqueue(id);
    return (await this.events.get(id, 'inbound_events.replay'))!;
  }
}
