import { ApiProperty } from '@nestjs/swagger';
import type { FieldView, PipelineView, StageView } from '@switchboard/contracts';

// OpenAPI response schemas of the pipeline read routes. Each class implements its contract, so a field changed there
// fails the build here instead of leaving the document behind.

const uuid = { type: String, format: 'uuid' } as const;
const CATEGORIES = ['open', 'waiting', 'done'] satisfies StageView['category'][];

export class StageDto implements StageView {
  @ApiProperty(uuid) id!: string;
  @ApiProperty({ type: String }) key!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ enum: CATEGORIES }) category!: StageView['category'];
  @ApiProperty({ type: String, nullable: true }) color!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Most cards the stage holds; null: no limit' })
  wipLimit!: number | null;
  @ApiProperty({
    type: [String],
    description: 'Keys of the fields a card needs filled in to enter the stage',
  })
  requiredFields!: string[];
  @ApiProperty({ type: Boolean }) archived!: boolean;
  @ApiProperty({
    type: [String],
    enum: ['name', 'color', 'wipLimit', 'requiredFields'],
    description: "Attributes an admin set; the others are the plugin's (reset one with its PATCH route)",
  })
  overridden!: string[];
}

export class FieldDto implements FieldView {
  @ApiProperty({ type: String }) key!: string;
  @ApiProperty({ type: String }) label!: string;
  @ApiProperty({
    type: String,
    description: 'text, number, money, date, select, multiselect, phone, email or reference',
  })
  type!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'By type: options [{ value, label }], currency, maxLength, reference { system, entity }',
  })
  config!: Record<string, unknown>;
  @ApiProperty({ type: Boolean }) archived!: boolean;
  @ApiProperty({
    type: [String],
    enum: ['label'],
    description: "Attributes an admin set; the others are the plugin's",
  })
  overridden!: string[];
}

export class PipelineDto implements PipelineView {
  @ApiProperty(uuid) id!: string;
  @ApiProperty({ type: String }) key!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty(uuid) departmentId!: string;
  @ApiProperty({ type: String, nullable: true }) pluginId!: string | null;
  @ApiProperty({ type: Boolean }) isDefault!: boolean;
  @ApiProperty({ type: () => [StageDto], description: 'In board order' }) stages!: StageDto[];
  @ApiProperty({ type: () => [FieldDto] }) fields!: FieldDto[];
}
