import { ApiProperty } from '@nestjs/swagger';
import { QuickReplyView } from '@switchboard/contracts';

// OpenAPI response schema of the quick reply routes; it implements the contract, so a changed field fails the build.

export class QuickReplyDto implements QuickReplyView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid' }) departmentId!: string;
  @ApiProperty({ description: '1–32 lowercase letters, digits, - or _; unique in the department' })
  shortcut!: string;
  @ApiProperty({ description: 'At most 80 characters' }) title!: string;
  @ApiProperty({
    description:
      'At most 2,000 characters; may hold {{contact.name}} and {{agent.name}}, filled in by the composer before sending',
  })
  text!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}
