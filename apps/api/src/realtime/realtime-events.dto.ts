import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RealtimeEventsPage, RealtimeEventView } from '@switchboard/contracts';

// OpenAPI response schema of GET /api/realtime/events; each class implements its contract so the two cannot drift.

export class RealtimeEventDto implements RealtimeEventView {
  @ApiProperty({ type: String, description: 'The socket event name, e.g. message.created' })
  type!: string;

  @ApiProperty({ type: String, format: 'uuid' })
  departmentId!: string;

  @ApiPropertyOptional({ type: String, format: 'uuid' })
  conversationId?: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The payload sockets received' })
  data!: Record<string, unknown>;

  @ApiProperty({ type: String, description: 'Resume after this event with it as `after`' })
  cursor!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  at!: string;
}

export class RealtimeEventsPageDto implements RealtimeEventsPage {
  @ApiProperty({ type: () => [RealtimeEventDto], description: 'Oldest first' })
  events!: RealtimeEventDto[];

  @ApiProperty({ type: String, description: 'Pass as `after` for the next page' })
  nextCursor!: string;

  @ApiProperty({ type: Boolean, description: 'More events follow nextCursor' })
  more!: boolean;
}
