import { ApiProperty } from '@nestjs/swagger';
import { TeamView } from '@switchboard/contracts';

// OpenAPI response schema of the team routes; implements its contract so a changed field fails the build here.

type Member = TeamView['members'][number];

class TeamMemberDto implements Member {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) email!: string;
}

export class TeamDto implements TeamView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid' }) departmentId!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: () => [TeamMemberDto] }) members!: TeamMemberDto[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}
