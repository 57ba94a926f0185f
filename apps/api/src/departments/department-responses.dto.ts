import { ApiProperty } from '@nestjs/swagger';
import { DepartmentNumberView, DepartmentView, Page } from '@switchboard/contracts';

// OpenAPI response schemas of the department list; each class implements its contract so a changed field fails
// the build here.

class DepartmentNumberDto implements DepartmentNumberView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) displayPhoneNumber!: string;
  @ApiProperty({ type: String }) phoneNumberId!: string;
  @ApiProperty({ type: String }) health!: string;
}

class DepartmentPluginDto {
  @ApiProperty({ type: String }) id!: string;
}

export class DepartmentDto implements DepartmentView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) key!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: Boolean }) membersOnly!: boolean;
  @ApiProperty({ type: Boolean }) membersOnlySetByAdmin!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) archivedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: () => [DepartmentNumberDto] }) numbers!: DepartmentNumberDto[];
  @ApiProperty({ type: () => DepartmentPluginDto, nullable: true }) plugin!: DepartmentPluginDto | null;
  // Documented as an object only: its own schema is the calendar's (GET /api/departments/:id/calendar).
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  businessHours!: DepartmentView['businessHours'];
}

export class DepartmentPageDto implements Page<DepartmentView> {
  @ApiProperty({ type: () => [DepartmentDto] }) items!: DepartmentDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
