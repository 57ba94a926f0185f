import { ApiProperty } from '@nestjs/swagger';
import {
  CONVERSATION_PRIORITIES,
  ConversationSlaView,
  ConversationView,
  ConversationWindowView,
  MessageView,
  Page,
  UNREAD_COUNT_CAP,
} from '@switchboard/contracts';

// OpenAPI response schemas of the conversation read routes. Each class implements its contract, so a field changed
// there fails the build here instead of leaving the document behind.

type Contact = ConversationView['contact'];
type Department = ConversationView['department'];
type Card = NonNullable<ConversationView['card']>;
type LastMessage = NonNullable<ConversationView['lastMessage']>;
type Owner = NonNullable<ConversationView['owner']>;
type MessageError = NonNullable<MessageView['error']>;

const DIRECTIONS = ['in', 'out'] satisfies MessageView['direction'][];
const uuid = { type: String, format: 'uuid' } as const;
const time = { type: String, format: 'date-time' } as const;

class ConversationContactDto implements Contact {
  @ApiProperty(uuid) id!: string;
  @ApiProperty({ type: String, nullable: true }) waId!: string | null;
  @ApiProperty({ type: String, nullable: true }) bsuid!: string | null;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
}

class ConversationDepartmentDto implements Department {
  @ApiProperty(uuid) id!: string;
  @ApiProperty({ type: String }) key!: string;
  @ApiProperty({ type: String }) name!: string;
}

class ConversationCardDto implements Card {
  @ApiProperty(uuid) id!: string;
  @ApiProperty({ type: String }) stageKey!: string;
  @ApiProperty({ type: String }) stageName!: string;
}

class ConversationWindowDto implements ConversationWindowView {
  @ApiProperty({ ...time, nullable: true }) closesAt!: string | null;
  @ApiProperty({ type: Boolean }) open!: boolean;
  @ApiProperty({ type: Boolean }) templateOnly!: boolean;
}

class ConversationSlaDto implements ConversationSlaView {
  @ApiProperty({ enum: ['green', 'yellow', 'red'] satisfies ConversationSlaView['status'][] })
  status!: ConversationSlaView['status'];
  @ApiProperty({ type: Boolean }) warning!: boolean;
  @ApiProperty({ type: String, nullable: true }) clockKind!: string | null;
  @ApiProperty({ ...time, nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) timeLeftMs!: number | null;
  @ApiProperty({ type: Number, nullable: true }) overdueMs!: number | null;
  @ApiProperty({ type: Boolean }) paused!: boolean;
}

class ConversationLastMessageDto implements LastMessage {
  @ApiProperty(uuid) id!: string;
  @ApiProperty({ type: String }) type!: string;
  @ApiProperty({ enum: DIRECTIONS }) direction!: LastMessage['direction'];
  @ApiProperty({ type: String, nullable: true }) body!: string | null;
  @ApiProperty(time) at!: string;
}

class ConversationOwnerDto implements Owner {
  @ApiProperty(uuid) id!: string;
  @ApiProperty({ type: String }) name!: string;
}

class ConversationTeamDto {
  @ApiProperty(uuid) id!: string;
}

export class ConversationDto implements ConversationView {
  @ApiProperty(uuid) id!: string;
  @ApiProperty({ enum: ['open', 'closed'] satisfies ConversationView['status'][] })
  status!: ConversationView['status'];
  @ApiProperty({ type: () => ConversationContactDto }) contact!: ConversationContactDto;
  @ApiProperty({ type: () => ConversationDepartmentDto }) department!: ConversationDepartmentDto;
  @ApiProperty(uuid) numberId!: string;
  @ApiProperty({ type: () => ConversationCardDto, nullable: true }) card!: ConversationCardDto | null;
  @ApiProperty({
    enum: ['customer', 'agent', 'system'] satisfies NonNullable<ConversationView['lastSpeaker']>[],
    nullable: true,
  })
  lastSpeaker!: ConversationView['lastSpeaker'];
  @ApiProperty({
    enum: ['team', 'customer_waiting'] satisfies NonNullable<ConversationView['ballInCourt']>[],
    nullable: true,
  })
  ballInCourt!: ConversationView['ballInCourt'];
  @ApiProperty({ ...time, nullable: true }) waitingSince!: string | null;
  @ApiProperty({ type: () => ConversationWindowDto }) window!: ConversationWindowDto;
  @ApiProperty({ type: () => ConversationSlaDto }) sla!: ConversationSlaDto;
  @ApiProperty({ type: () => ConversationLastMessageDto, nullable: true })
  lastMessage!: ConversationLastMessageDto | null;
  @ApiProperty({ ...time, nullable: true }) lastMessageAt!: string | null;
  @ApiProperty(time) createdAt!: string;
  @ApiProperty({ type: () => ConversationOwnerDto, nullable: true }) owner!: ConversationOwnerDto | null;
  @ApiProperty({ enum: [...CONVERSATION_PRIORITIES] }) priority!: ConversationView['priority'];
  @ApiProperty({ type: [String] }) labels!: string[];
  @ApiProperty({ type: () => ConversationTeamDto, nullable: true }) team!: ConversationTeamDto | null;
  @ApiProperty({ type: String, nullable: true }) language!: string | null;
  @ApiProperty({ ...time, nullable: true }) snoozedUntil!: string | null;
  @ApiProperty({ type: Boolean }) snoozedUntilReply!: boolean;
  @ApiProperty({ ...time, nullable: true }) closedAt!: string | null;
  @ApiProperty({ ...time, nullable: true }) queuedAt!: string | null;
  @ApiProperty({
    type: Number,
    minimum: 0,
    maximum: UNREAD_COUNT_CAP,
    description: `Customer messages after the caller's read mark (POST /api/conversations/{id}/read), counted up to ${UNREAD_COUNT_CAP}: that many or more`,
  })
  unreadCount!: number;
}

class MessageErrorDto implements MessageError {
  @ApiProperty({ type: Number, nullable: true }) code!: number | null;
  @ApiProperty({ type: String }) title!: string;
  @ApiProperty({ type: String, required: false }) details?: string;
}

export class MessageDto implements MessageView {
  @ApiProperty(uuid) id!: string;
  @ApiProperty({ type: String, nullable: true }) wamid!: string | null;
  @ApiProperty(uuid) conversationId!: string;
  @ApiProperty({ enum: DIRECTIONS }) direction!: MessageView['direction'];
  @ApiProperty({ type: String }) type!: string;
  @ApiProperty({ type: String, nullable: true }) body!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) content!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  media!: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true }) replyToWamid!: string | null;
  @ApiProperty({ type: String }) status!: string;
  @ApiProperty({ type: () => MessageErrorDto, nullable: true }) error!: MessageErrorDto | null;
  @ApiProperty({ ...time, nullable: true }) sentAt!: string | null;
  @ApiProperty({ ...time, nullable: true }) deliveredAt!: string | null;
  @ApiProperty({ ...time, nullable: true }) readAt!: string | null;
  @ApiProperty({ ...time, nullable: true }) editedAt!: string | null;
  @ApiProperty({ ...time, nullable: true }) revokedAt!: string | null;
  @ApiProperty(time) createdAt!: string;
}

export class ConversationPageDto implements Page<ConversationView> {
  @ApiProperty({ type: () => [ConversationDto] }) items!: ConversationDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null: no more',
  })
  nextCursor!: string | null;
}

export class MessagePageDto implements Page<MessageView> {
  @ApiProperty({ type: () => [MessageDto] }) items!: MessageDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `before` for older messages; null: no more',
  })
  nextCursor!: string | null;
}
