import { ApiProperty } from '@nestjs/swagger';
import { RoutingRuleView } from '@switchboard/contracts';

// OpenAPI response schema of the routing rule routes; implements its contract so a changed field fails the build
// here. Conditions and actions are documented as objects: their shape is the request's (createRoutingRuleRequest).

const time = { type: String, format: 'date-time' } as const;

export class RoutingRuleDto implements RoutingRuleView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid' }) departmentId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: every number' })
  numberId!: string | null;
  @ApiProperty({ type: Number }) position!: number;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: Boolean }) enabled!: boolean;
  @ApiProperty({ enum: ['admin', 'plugin'] satisfies RoutingRuleView['source'][] })
  source!: RoutingRuleView['source'];
  @ApiProperty({ type: String, nullable: true }) pluginId!: string | null;
  @ApiProperty({ type: String, nullable: true }) pluginRuleKey!: string | null;
  @ApiProperty({ enum: ['conversation_opened', 'every_message'] satisfies RoutingRuleView['trigger'][] })
  trigger!: RoutingRuleView['trigger'];
  @ApiProperty({ type: 'object', additionalProperties: true }) conditions!: RoutingRuleView['conditions'];
  @ApiProperty({ type: 'object', additionalProperties: true }) actions!: RoutingRuleView['actions'];
  @ApiProperty({ type: Boolean, description: 'No later rule runs after this one matched' }) stop!: boolean;
  @ApiProperty(time) createdAt!: string;
  @ApiProperty(time) updatedAt!: string;
  @ApiProperty({ type: String, nullable: true }) updatedBy!: string | null;
}
