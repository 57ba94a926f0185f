import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  createTeamRequest,
  CreateTeamRequest,
  listTeamsQuery,
  ListTeamsQuery,
  setTeamMembersRequest,
  SetTeamMembersRequest,
  TeamView,
} from '@switchboard/contracts';
import { requestBodySchema, ZodValidationPipe } from '@switchboard/engine';
import { RequirePermission } from '../access/require-permission.decorator';
import { TeamDto } from './team-responses.dto';
import { TeamService } from './team.service';

@ApiTags('teams')
@ApiBearerAuth()
@Controller('api/teams')
export class TeamsController {
  constructor(private readonly teams: TeamService) {}

  @Get()
  @RequirePermission('teams.read')
  @ApiOperation({ summary: 'Teams of the departments you belong to, with their members' })
  @ApiQuery({ name: 'departmentId', required: false, schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ type: [TeamDto] })
  list(@Query(new ZodValidationPipe(listTeamsQuery)) q: ListTeamsQuery): Promise<TeamView[]> {
    return this.teams.list(q);
  }

  @Post()
  @RequirePermission('teams.manage')
  @ApiOperation({ summary: 'Create a team in a department you supervise' })
  @ApiBody({ schema: requestBodySchema(createTeamRequest) })
  @ApiCreatedResponse({ type: TeamDto })
  create(@Body(new ZodValidationPipe(createTeamRequest)) body: CreateTeamRequest): Promise<TeamView> {
    return this.teams.create(body);
  }

  @Put(':id/members')
  @RequirePermission('teams.manage')
  @ApiOperation({ summary: "Replace a team's members (people with a role in its department)" })
  @ApiBody({ schema: requestBodySchema(setTeamMembersRequest) })
  @ApiOkResponse({ type: TeamDto })
  setMembers(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(setTeamMembersRequest)) body: SetTeamMembersRequest,
  ): Promise<TeamView> {
    return this.teams.setMembers(id, body.userIds);
  }

  @Delete(':id')
  @RequirePermission('teams.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a team' })
  remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.teams.remove(id);
  }
}
