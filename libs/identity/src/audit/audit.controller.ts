import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditEventView, listAuditEventsQuery, ListAuditEventsQuery, Page } from '@switchboard/contracts';
import { ZodValidationPipe } from '@switchboard/engine';
import { RequirePermission } from '../access/require-permission.decorator';
import { AuditQueryService } from './audit-query.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit-events')
export class AuditController {
  constructor(private readonly query: AuditQueryService) {}

  @Get()
  @RequirePermission('audit.read')
  @ApiOperation({ summary: 'The audit log, newest first; filter by action prefix or actor' })
  list(
    @Query(new ZodValidationPipe(listAuditEventsQuery)) q: ListAuditEventsQuery,
  ): Promise<Page<AuditEventView>> {
    return this.query.list(q);
  }
}
