import { ApiProperty } from '@nestjs/swagger';
import { ApiTokenView, CreatedApiToken } from '@switchboard/contracts';

// OpenAPI response schemas of the API token routes; each implements its contract so a changed field fails the
// build here.

const time = { type: String, format: 'date-time' } as const;

export class ApiTokenDto implements ApiTokenView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String, description: 'The first characters of the token, to recognise it' })
  prefix!: string;
  @ApiProperty({ type: [String] }) permissions!: string[];
  @ApiProperty({ type: [String], nullable: true, description: 'null: every department' })
  departmentIds!: string[] | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy!: string | null;
  @ApiProperty(time) createdAt!: string;
  @ApiProperty({ ...time, nullable: true }) expiresAt!: string | null;
  @ApiProperty({ ...time, nullable: true }) lastUsedAt!: string | null;
  @ApiProperty({ ...time, nullable: true }) revokedAt!: string | null;
}

export class CreatedApiTokenDto extends ApiTokenDto implements CreatedApiToken {
  @ApiProperty({ type: String, description: 'The token itself: in this answer only' }) token!: string;
}
