import { ApiProperty } from '@nestjs/swagger';
import { ConversationReadView, UNREAD_COUNT_CAP } from '@switchboard/contracts';

/** OpenAPI response of POST /api/conversations/:id/read; implements its contract so the two cannot drift. */
export class ConversationReadDto implements ConversationReadView {
  @ApiProperty({ type: String, format: 'uuid' }) conversationId!: string;
  @ApiProperty({
    type: Number,
    minimum: 0,
    maximum: UNREAD_COUNT_CAP,
    description: `Customer messages after the mark, counted up to ${UNREAD_COUNT_CAP} (that many or more)`,
  })
  unreadCount!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: nothing read yet' })
  lastReadMessageId!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastReadMessageAt!: string | null;
}
