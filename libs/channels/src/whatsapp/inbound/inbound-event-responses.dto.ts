import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InboundEventView, Page } from '@switchboard/contracts';

// OpenAPI response schemas of the inbound event log; each class implements its contract so a changed field fails
// the build here.

type Failure = InboundEventView['failures'][number];
type Unhandled = InboundEventView['unhandled'][number];

class InboundFailureDto implements Failure {
  @ApiProperty({ type: String }) path!: string;
  @ApiProperty({ type: String }) reason!: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The item as Meta sent it',
  })
  item?: unknown;
}

class InboundUnhandledDto implements Unhandled {
  @ApiProperty({ type: String }) path!: string;
  @ApiProperty({ type: String }) field!: string;
  @ApiProperty({ type: String }) reason!: string;
}

export class InboundEventDto implements InboundEventView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'date-time' }) receivedAt!: string;
  @ApiProperty({
    enum: ['pending', 'processed', 'partial', 'failed', 'held'] satisfies InboundEventView['status'][],
  })
  status!: InboundEventView['status'];
  @ApiProperty({ type: Number }) attempts!: number;
  @ApiProperty({ type: Number, nullable: true }) itemCount!: number | null;
  @ApiProperty({ type: () => [InboundFailureDto] }) failures!: InboundFailureDto[];
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) processedAt!: string | null;
  @ApiProperty({ type: Boolean }) signedWithPreviousSecret!: boolean;
  @ApiProperty({ type: () => [InboundUnhandledDto] }) unhandled!: InboundUnhandledDto[];
  @ApiPropertyOptional({
    type: String,
    description: 'Only on the single-event view: the body as Meta sent it',
  })
  rawBody?: string;
}

export class InboundEventPageDto implements Page<InboundEventView> {
  @ApiProperty({ type: () => [InboundEventDto] }) items!: InboundEventDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as before for the next (older) page' })
  nextCursor!: string | null;
}
