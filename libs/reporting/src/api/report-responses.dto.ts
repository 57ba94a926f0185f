import { ApiProperty } from '@nestjs/swagger';
import {
  BacklogRow,
  DurationFigures,
  DurationPrecision,
  OverviewReport,
  ReportRows,
  ResponseTimesRow,
  ResponseTimesRows,
  SlaReportRow,
  VolumeRow,
} from '@switchboard/contracts';

// OpenAPI response schemas of the report routes (their JSON answers). Each class implements its contract, so a field
// changed there fails the build here instead of leaving the document behind.

const uuid = { type: String, format: 'uuid' } as const;
const time = { type: String, format: 'date-time' } as const;

export class OverviewReportDto implements OverviewReport {
  @ApiProperty(time) from!: string;
  @ApiProperty(time) to!: string;
  @ApiProperty({ type: Number, description: 'Every conversation not closed' }) open!: number;
  @ApiProperty({ type: Number, description: 'Open, owned, card not in a waiting stage' }) inProgress!: number;
  @ApiProperty({ type: Number, description: 'Open, card in a waiting-on-customer stage' })
  waitingOnCustomer!: number;
  @ApiProperty({ type: Number, description: 'Open with an SLA deadline passed' }) overdue!: number;
  @ApiProperty({ type: Number, description: 'Opened within the range' }) opened!: number;
  @ApiProperty({ type: Number, description: 'Closed within the range' }) closed!: number;
}

class BacklogRowDto implements BacklogRow {
  @ApiProperty(uuid) departmentId!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The department's name (null: not readable by you)",
  })
  departmentName!: string | null;
  @ApiProperty({ type: String, nullable: true }) stageKey!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "The stage's name in the department's pipeline (null: no stage, or no longer in the pipeline)",
  })
  stageName!: string | null;
  @ApiProperty({ type: String, nullable: true }) stageCategory!: string | null;
  @ApiProperty({ type: Number }) count!: number;
}

export class BacklogReportDto implements ReportRows<BacklogRow> {
  @ApiProperty(time) from!: string;
  @ApiProperty(time) to!: string;
  @ApiProperty({ type: [BacklogRowDto] }) rows!: BacklogRowDto[];
}

class DurationFiguresDto implements DurationFigures {
  @ApiProperty({ type: Number }) count!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Business milliseconds' }) medianMs!:
    number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Business milliseconds' }) p90Ms!: number | null;
}

class ResponseTimesRowDto implements ResponseTimesRow {
  @ApiProperty({ ...uuid, nullable: true, description: 'The agent, team, department or number; null: none' })
  key!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "The key's display name: the user's or team's or department's name, the number's display phone number with " +
      'its verified name in parentheses; null for no key or one the caller may not read (the row keeps its id)',
  })
  name!: string | null;
  @ApiProperty({ type: DurationFiguresDto }) firstResponse!: DurationFiguresDto;
  @ApiProperty({ type: DurationFiguresDto }) nextResponse!: DurationFiguresDto;
  @ApiProperty({ type: DurationFiguresDto }) resolution!: DurationFiguresDto;
}

class DurationPrecisionDto implements DurationPrecision {
  @ApiProperty({ type: Number }) maxRelativeError!: number;
  @ApiProperty({ type: String }) rule!: string;
}

export class ResponseTimesReportDto implements ResponseTimesRows {
  @ApiProperty(time) from!: string;
  @ApiProperty(time) to!: string;
  @ApiProperty({ type: [ResponseTimesRowDto] }) rows!: ResponseTimesRowDto[];
  @ApiProperty({ type: DurationPrecisionDto }) precision!: DurationPrecisionDto;
}

class SlaReportRowDto implements SlaReportRow {
  @ApiProperty({ ...uuid, nullable: true, description: 'The agent, team or department; null: none' })
  key!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "The key's display name (user, team or department); null for no key or one the caller may not read",
  })
  name!: string | null;
  @ApiProperty({ type: Number }) met!: number;
  @ApiProperty({ type: Number }) breached!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'One decimal; null when no clock ended' })
  metPercent!: number | null;
}

export class SlaReportDto implements ReportRows<SlaReportRow> {
  @ApiProperty(time) from!: string;
  @ApiProperty(time) to!: string;
  @ApiProperty({ type: [SlaReportRowDto] }) rows!: SlaReportRowDto[];
}

class VolumeRowDto implements VolumeRow {
  @ApiProperty(uuid) numberId!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "The number's display phone number, with its verified name in parentheses once known; null when the " +
      'number is no longer in a department the caller may read',
  })
  name!: string | null;
  @ApiProperty(uuid) departmentId!: string;
  @ApiProperty({ ...time, description: 'Start of the hour (UTC)' }) hour!: string;
  @ApiProperty({ type: Number }) inbound!: number;
  @ApiProperty({ type: Number }) outbound!: number;
}

export class VolumeReportDto implements ReportRows<VolumeRow> {
  @ApiProperty(time) from!: string;
  @ApiProperty(time) to!: string;
  @ApiProperty({ type: [VolumeRowDto] }) rows!: VolumeRowDto[];
}
