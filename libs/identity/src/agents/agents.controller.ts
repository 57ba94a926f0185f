import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AgentView,
  AvailabilityHistoryView,
  AvailabilityView,
  setAvailabilityRequest,
  SetAvailabilityRequest,
  updateAgentSettingsRequest,
  UpdateAgentSettingsRequest,
} from '@switchboard/contracts';
import { requestBodySchema, ZodValidationPipe } from '@switchboard/engine';
import { RequirePermission } from '../access/require-permission.decorator';
import { AgentAvailabilityService } from './agent-availability.service';
import { AgentDirectoryService } from './agent-directory.service';
import { AgentSettingsService } from './agent-settings.service';

/** A department's agents, for its supervisors (and admins). */
@ApiTags('agents')
@ApiBearerAuth()
@Controller('api/departments/:id/agents')
export class AgentsController {
  constructor(
    private readonly directory: AgentDirectoryService,
    private readonly settings: AgentSettingsService,
    private readonly availability: AgentAvailabilityService,
  ) {}

  @Get()
  @RequirePermission('agents.manage')
  @ApiOperation({
    summary:
      "The department's agents and supervisors: availability, capacity, skills, languages, on shift now",
  })
  list(@Param('id', ParseUUIDPipe) id: string): Promise<AgentView[]> {
    return this.directory.list(id);
  }

  @Patch(':userId')
  @RequirePermission('agents.manage')
  @ApiOperation({
    summary: "Set an agent's capacity, skills, languages or weekly schedule in this department",
  })
  @ApiBody({ schema: requestBodySchema(updateAgentSettingsRequest) })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body(new ZodValidationPipe(updateAgentSettingsRequest)) body: UpdateAgentSettingsRequest,
  ): Promise<AgentView> {
    return this.settings.update(id, userId, body);
  }

  @Put(':userId/availability')
  @RequirePermission('agents.manage')
  @ApiOperation({ summary: "Set an agent's availability (online, away, offline) with a reason; audited" })
  @ApiBody({ schema: requestBodySchema(setAvailabilityRequest) })
  setAvailability(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body(new ZodValidationPipe(setAvailabilityRequest)) body: SetAvailabilityRequest,
  ): Promise<AvailabilityView> {
    return this.availability.setFor(id, userId, body);
  }

  @Get(':userId/availability')
  @RequirePermission('agents.manage')
  @ApiOperation({ summary: "An agent's availability and its history: who changed it, when and why" })
  history(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<AvailabilityHistoryView> {
    return this.availability.historyFor(id, userId);
  }
}
