import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AvailabilityHistoryView,
  AvailabilityView,
  setAvailabilityRequest,
  SetAvailabilityRequest,
} from '@switchboard/contracts';
import { requestBodySchema, ZodValidationPipe } from '@switchboard/engine';
import { Authenticated } from '../access/authenticated.decorator';
import { AgentAvailabilityService } from './agent-availability.service';
import { AvailabilityDto, AvailabilityHistoryDto } from './availability.dto';

/** The signed-in user's own availability. */
@ApiTags('agents')
@ApiBearerAuth()
@Controller('api/me/availability')
export class MyAvailabilityController {
  constructor(private readonly availability: AgentAvailabilityService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Your availability and its history' })
  @ApiOkResponse({ type: AvailabilityHistoryDto })
  get(): Promise<AvailabilityHistoryView> {
    return this.availability.own();
  }

  @Put()
  @Authenticated()
  @ApiOperation({ summary: 'Set your availability: online, away or offline' })
  @ApiBody({ schema: requestBodySchema(setAvailabilityRequest) })
  @ApiOkResponse({ type: AvailabilityDto })
  set(
    @Body(new ZodValidationPipe(setAvailabilityRequest)) body: SetAvailabilityRequest,
  ): Promise<AvailabilityView> {
    return this.availability.setOwn(body);
  }
}
