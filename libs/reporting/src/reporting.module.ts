import { Module } from '@nestjs/common';

/**
 * Reporting: facts recorded from domain events into this library's own tables, and the dashboard's figures
 * (counts now, backlog, response and resolution times, SLA met %, volume), scoped by department, as JSON and CSV.
 */
@Module({})
export class ReportingModule {}
