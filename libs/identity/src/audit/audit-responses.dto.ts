import { ApiProperty } from '@nestjs/swagger';
import { AuditEventView, Page } from '@switchboard/contracts';

// OpenAPI response schema of the audit log; implements its contract so a changed field fails the build here.

const nullableString = { type: String, nullable: true } as const;

class AuditEventDto implements AuditEventView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'date-time' }) at!: string;
  @ApiProperty({ enum: ['user', 'api_token', 'system', 'anonymous'] satisfies AuditEventView['actorType'][] })
  actorType!: AuditEventView['actorType'];
  @ApiProperty(nullableString) actorId!: string | null;
  @ApiProperty(nullableString) actorLabel!: string | null;
  @ApiProperty({ type: String }) action!: string;
  @ApiProperty(nullableString) targetType!: string | null;
  @ApiProperty(nullableString) targetId!: string | null;
  @ApiProperty(nullableString) departmentId!: string | null;
  @ApiProperty(nullableString) ip!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
}

export class AuditEventPageDto implements Page<AuditEventView> {
  @ApiProperty({ type: () => [AuditEventDto] }) items!: AuditEventDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next (older) page' })
  nextCursor!: string | null;
}
