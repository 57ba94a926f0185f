import { Body, Controller, Get, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  NumberAdminService,
  NumberAlertsService,
  NumberHealthService,
  SilenceAlarmService,
} from '@switchboard/channels';
import {
  NumberAlertView,
  NumberHealthView,
  numberHealthSettingsRequest,
  NumberHealthSettingsRequest,
} from '@switchboard/contracts';
import { requestBodySchema, ZodValidationPipe } from '@switchboard/engine';
import { RequirePermission } from '@switchboard/identity';
import { NumberHealthDto } from './number-responses.dto';

/** Watching a WhatsApp number: its health, its silence alarm and its alerts (admins, like the number itself). */
@ApiTags('numbers')
@ApiBearerAuth()
@Controller('api/numbers')
export class NumberHealthController {
  constructor(
    private readonly numbers: NumberAdminService,
    private readonly health: NumberHealthService,
    private readonly silence: SilenceAlarmService,
    private readonly alerts: NumberAlertsService,
  ) {}

  @Get(':id/health')
  @RequirePermission('numbers.manage')
  @ApiOperation({
    summary:
      "Token and webhook subscription (last connection test), quality and its history, tier, last inbound and send, webhook lag, failed sends by Meta's code (24 h), silence alarm with the business hours applied, open alerts",
  })
  @ApiOkResponse({ type: NumberHealthDto })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<NumberHealthView> {
    return this.health.view(id);
  }

  @Patch(':id/health-settings')
  @RequirePermission('numbers.manage')
  @ApiOperation({
    summary:
      'Set the silence alarm: an alert after this many minutes of business hours without an inbound message (5–10080; null: off). Audited',
  })
  @ApiBody({ schema: requestBodySchema(numberHealthSettingsRequest) })
  async settings(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(numberHealthSettingsRequest)) body: NumberHealthSettingsRequest,
  ): Promise<NumberHealthView> {
    const number = await this.numbers.get(id);
    await this.silence.configure(id, number.departmentId, body.silenceAlarmMinutes);
    return this.health.view(id);
  }

  @Get(':id/alerts')
  @RequirePermission('numbers.manage')
  @ApiOperation({ summary: "The number's latest 100 alerts, open and resolved, newest first" })
  async list(@Param('id', ParseUUIDPipe) id: string): Promise<{ items: NumberAlertView[] }> {
    await this.numbers.get(id);
    return { items: await this.alerts.ofNumber(id) };
  }
}
