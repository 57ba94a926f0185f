import { ApiProperty } from '@nestjs/swagger';
import { SlaPolicyView, SlaTarget, SlaTargetsView } from '@switchboard/contracts';

// OpenAPI response schema of the SLA policy routes; implements its contract so a changed field fails the build
// here. Match and escalations are documented as objects: their shape is the request's (createSlaPolicyRequest).

const time = { type: String, format: 'date-time' } as const;

class SlaTargetDto implements SlaTarget {
  @ApiProperty({ type: Number }) warningMinutes!: number;
  @ApiProperty({ type: Number }) breachMinutes!: number;
}

class SlaTargetsDto implements SlaTargetsView {
  @ApiProperty({ type: () => SlaTargetDto, nullable: true }) firstResponse!: SlaTargetDto | null;
  @ApiProperty({ type: () => SlaTargetDto, nullable: true }) nextResponse!: SlaTargetDto | null;
  @ApiProperty({ type: () => SlaTargetDto, nullable: true }) resolution!: SlaTargetDto | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: { warningMinutes: { type: 'number' }, breachMinutes: { type: 'number' } },
    },
    description: 'Per stage key',
  })
  stages!: Record<string, SlaTargetDto>;
}

export class SlaPolicyDto implements SlaPolicyView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid' }) departmentId!: string;
  @ApiProperty({ type: String }) key!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ enum: ['admin', 'plugin'] satisfies SlaPolicyView['source'][] })
  source!: SlaPolicyView['source'];
  @ApiProperty({ type: String, nullable: true }) pluginId!: string | null;
  @ApiProperty({ type: Boolean }) enabled!: boolean;
  @ApiProperty({ type: Number }) position!: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) match!: SlaPolicyView['match'];
  @ApiProperty({ type: () => SlaTargetsDto }) targets!: SlaTargetsDto;
  @ApiProperty({ type: Boolean }) businessHours!: boolean;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  escalations!: SlaPolicyView['escalations'];
  @ApiProperty(time) createdAt!: string;
  @ApiProperty(time) updatedAt!: string;
  @ApiProperty({ type: String, nullable: true }) updatedBy!: string | null;
}
