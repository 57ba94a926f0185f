import { ApiProperty } from '@nestjs/swagger';
import {
  AGENT_AVAILABILITY,
  AvailabilityChangeView,
  AvailabilityHistoryView,
  AvailabilitySource,
  AvailabilityView,
} from '@switchboard/contracts';

// OpenAPI response schemas of the availability routes; each class implements its contract so the two cannot drift.

const SOURCES = ['self', 'supervisor', 'system'] satisfies AvailabilitySource[];

export class AvailabilityDto implements AvailabilityView {
  @ApiProperty({ enum: AGENT_AVAILABILITY })
  status!: AvailabilityView['status'];

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Null: never set, so offline',
  })
  since!: string | null;
}

class AvailabilityChangedByDto {
  @ApiProperty({ type: String, format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String })
  name!: string;
}

export class AvailabilityChangeDto implements AvailabilityChangeView {
  @ApiProperty({ enum: AGENT_AVAILABILITY })
  status!: AvailabilityChangeView['status'];

  @ApiProperty({ enum: AGENT_AVAILABILITY, nullable: true })
  previous!: AvailabilityChangeView['previous'];

  @ApiProperty({ enum: SOURCES })
  source!: AvailabilitySource;

  @ApiProperty({
    type: () => AvailabilityChangedByDto,
    nullable: true,
    description: 'Null when the product made the change',
  })
  changedBy!: AvailabilityChangedByDto | null;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  at!: string;
}

export class AvailabilityHistoryDto implements AvailabilityHistoryView {
  @ApiProperty({ type: () => AvailabilityDto })
  current!: AvailabilityDto;

  @ApiProperty({ type: () => [AvailabilityChangeDto], description: 'Newest first, at most 100' })
  history!: AvailabilityChangeDto[];
}
