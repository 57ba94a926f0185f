import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AuditEventView, listAuditEventsQuery, ListAuditEventsQuery, Page } from '@switchboard/contracts';
import { ZodValidationPipe } from '@switchboard/engine';
import { RequirePermission } from '../access/require-permission.decorator';
import { AuditQueryService } from './audit-query.service';
import { AuditEventPageDto } from './audit-responses.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit-events')
export class AuditController {
  constructor(private readonly query: AuditQueryService) {}

  @Get()
  @RequirePermission('audit.read')
  @ApiOperation({ summary: 'The audit log, newest first; filter by action prefix or actor' })
  @ApiQuery({ name: 'action', required: false, schema: { type: 'string', maxLength: 100 } })
  @ApiQuery({ name: 'actorId', required: false, schema: { type: 'string', format: 'uuid' } })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 200 } })
  @ApiQuery({ name: 'cursor', required: false, schema: { type: 'string' } })
  @ApiOkResponse({ type: AuditEventPageDto })
  list(
    @Query(new ZodValidationPipe(listAuditEventsQuery)) q: ListAuditEventsQuery,
  ): Promise<Page<AuditEventView>> {
    return this.query.list(q);
  }
}
