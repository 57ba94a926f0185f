import { ApiProperty } from '@nestjs/swagger';
import { CONVERSATION_PRIORITIES } from '@switchboard/contracts';
import type {
  BoardView,
  CardView,
  ConversationSlaView,
  ConversationWindowView,
  Page,
} from '@switchboard/contracts';
import { PipelineDto, StageDto } from '../pipelines/pipeline-responses.dto';

// OpenAPI response schemas of the card and board read routes. Each class implements its contract, so a field changed
// there fails the build here instead of leaving the document behind.

type Stage = CardView['stage'];
type Contact = CardView['contact'];
type Column = BoardView['columns'][number];

const uuid = { type: String, format: 'uuid' } as const;
const time = { type: String, format: 'date-time' } as const;

class CardStageDto implements Stage {
  @ApiProperty(uuid) id!: string;
  @ApiProperty({ type: String }) key!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ enum: ['open', 'waiting', 'done'] satisfies Stage['category'][] })
  category!: Stage['category'];
}

class CardContactDto implements Contact {
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) waId!: string | null;
}

class CardOwnerDto implements NonNullable<CardView['owner']> {
  @ApiProperty(uuid) id!: string;
  @ApiProperty({ type: String, description: "The user's display name, or their e-mail when they have none" })
  name!: string;
}

class CardWindowDto implements ConversationWindowView {
  @ApiProperty({ ...time, nullable: true }) closesAt!: string | null;
  @ApiProperty({ type: Boolean }) open!: boolean;
  @ApiProperty({ type: Boolean }) templateOnly!: boolean;
}

class CardSlaDto implements ConversationSlaView {
  @ApiProperty({ enum: ['green', 'yellow', 'red'] satisfies ConversationSlaView['status'][] })
  status!: ConversationSlaView['status'];
  @ApiProperty({ type: Boolean }) warning!: boolean;
  @ApiProperty({ type: String, nullable: true }) clockKind!: string | null;
  @ApiProperty({ ...time, nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) timeLeftMs!: number | null;
  @ApiProperty({ type: Number, nullable: true }) overdueMs!: number | null;
  @ApiProperty({ type: Boolean }) paused!: boolean;
}

export class CardDto implements CardView {
  @ApiProperty(uuid) id!: string;
  @ApiProperty(uuid) conversationId!: string;
  @ApiProperty(uuid) departmentId!: string;
  @ApiProperty(uuid) pipelineId!: string;
  @ApiProperty({ type: () => CardStageDto }) stage!: CardStageDto;
  @ApiProperty({ type: String }) title!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Field values by field key' })
  fields!: Record<string, unknown>;
  @ApiProperty({ type: () => CardContactDto }) contact!: CardContactDto;
  @ApiProperty({
    enum: ['customer', 'agent', 'system'] satisfies NonNullable<CardView['lastSpeaker']>[],
    nullable: true,
  })
  lastSpeaker!: CardView['lastSpeaker'];
  @ApiProperty({ ...time, nullable: true }) waitingSince!: string | null;
  @ApiProperty({ type: () => CardWindowDto }) window!: CardWindowDto;
  @ApiProperty({ type: () => CardSlaDto }) sla!: CardSlaDto;
  @ApiProperty({
    type: () => CardOwnerDto,
    nullable: true,
    description: "The conversation's owner; null while unassigned",
  })
  owner!: CardOwnerDto | null;
  @ApiProperty({ enum: CONVERSATION_PRIORITIES, description: "The conversation's priority" })
  priority!: CardView['priority'];
  @ApiProperty({ type: [String], description: "The conversation's labels" })
  labels!: string[];
  @ApiProperty(time) stageEnteredAt!: string;
  @ApiProperty(time) createdAt!: string;
  @ApiProperty(time) updatedAt!: string;
}

export class CardPageDto implements Page<CardView> {
  @ApiProperty({ type: () => [CardDto] }) items!: CardDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null: no more',
  })
  nextCursor!: string | null;
}

class BoardColumnDto implements Column {
  @ApiProperty({ type: () => StageDto }) stage!: StageDto;
  @ApiProperty({
    type: Number,
    description: 'Cards in the stage (matching q and the filters), not only those shown',
  })
  count!: number;
  @ApiProperty({ type: () => [CardDto], description: 'The newest cards, up to perStage' }) cards!: CardDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'More cards: GET /api/cards?pipelineId=…&stage=…&cursor=…; null: no more',
  })
  nextCursor!: string | null;
}

export class BoardDto implements BoardView {
  @ApiProperty({ type: () => PipelineDto }) pipeline!: PipelineDto;
  @ApiProperty({ type: () => [BoardColumnDto] }) columns!: BoardColumnDto[];
}
