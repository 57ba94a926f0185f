import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountEventView, listAccountEventsQuery, ListAccountEventsQuery } from '@switchboard/contracts';
import { ZodValidationPipe } from '@switchboard/engine';
import { RequirePermission } from '@switchboard/identity';
import { AccountEventQueryService } from './account-event-query.service';

@ApiTags('numbers')
@ApiBearerAuth()
@Controller('api/numbers')
export class AccountEventsController {
  constructor(private readonly events: AccountEventQueryService) {}

  @Get(':id/account-events')
  @RequirePermission('numbers.manage')
  @ApiOperation({
    summary:
      "Account and template webhook changes applied to the number (template status, quality, tier, name, account alerts, consent), newest first, with Meta's time and ours",
  })
  async list(
    @Param('id', ParseUUIDPipe) id: string,
    @Query(new ZodValidationPipe(listAccountEventsQuery)) q: ListAccountEventsQuery,
  ): Promise<{ items: AccountEventView[] }> {
    return { items: await this.events.ofNumber(id, q) };
  }
}
