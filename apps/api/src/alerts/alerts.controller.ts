import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NumberAlertsService } from '@switchboard/channels';
import { listAlertsQuery, ListAlertsQuery, NumberAlertView, Page } from '@switchboard/contracts';
import { ZodValidationPipe } from '@switchboard/engine';
import { RequirePermission } from '@switchboard/identity';

/** Alerts about WhatsApp numbers (a silent number, …) for the departments the caller works in. */
@ApiTags('alerts')
@ApiBearerAuth()
@Controller('api/alerts')
export class AlertsController {
  constructor(private readonly alerts: NumberAlertsService) {}

  @Get()
  @RequirePermission('conversations.read')
  @ApiOperation({
    summary:
      'Alerts of the numbers of departments you read, newest first (status: open (default), acknowledged, unacknowledged, resolved, all)',
  })
  list(@Query(new ZodValidationPipe(listAlertsQuery)) q: ListAlertsQuery): Promise<Page<NumberAlertView>> {
    return this.alerts.list(q);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @RequirePermission('conversations.reply')
  @ApiOperation({
    summary: 'Acknowledge an alert (audited); it stays open until its cause is gone. Again is a no-op',
  })
  acknowledge(@Param('id', ParseUUIDPipe) id: string): Promise<NumberAlertView> {
    return this.alerts.acknowledge(id);
  }
}
