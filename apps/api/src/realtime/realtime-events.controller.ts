import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { realtimeEventsQuery, RealtimeEventsPage, RealtimeEventsQuery } from '@switchboard/contracts';
import { ZodValidationPipe } from '@switchboard/engine';
import { Authenticated } from '@switchboard/identity';
import { RealtimeEventsPageDto } from './realtime-events.dto';
import { RealtimeResync } from './realtime-resync.service';

@ApiTags('realtime')
@ApiBearerAuth()
@Controller('api/realtime/events')
export class RealtimeEventsController {
  constructor(private readonly resync: RealtimeResync) {}

  @Get()
  @Authenticated()
  @ApiOperation({
    summary:
      'Resync after a reconnect: the socket events after `after` (a socket event cursor) in the departments you may read, oldest first, as sockets received them; continue from nextCursor while more is true',
  })
  @ApiQuery({
    name: 'after',
    required: true,
    schema: { type: 'string', minLength: 1 },
    description: 'A socket event cursor',
  })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 1000, default: 200 },
  })
  @ApiOkResponse({ type: RealtimeEventsPageDto })
  @ApiResponse({
    status: 400,
    description: '`after` is not an event cursor (code cursor_malformed), or limit outside 1..1000',
  })
  @ApiResponse({
    status: 410,
    description:
      'The cursor is older than the kept events (code cursor_expired): reload the lists, then follow live events',
  })
  events(
    @Query(new ZodValidationPipe(realtimeEventsQuery)) q: RealtimeEventsQuery,
  ): Promise<RealtimeEventsPage> {
    return this.resync.after(q);
  }
}
