import { Module } from '@nestjs/common';
import { ConversationsModule } from '@switchboard/conversations';
import { declareSubscribers } from '@switchboard/engine';
import { NumberNamesQuery } from '@switchboard/channels';
import { DisplayNamesQuery } from '@switchboard/identity';
import { CardStagesQuery, DepartmentNamesQuery, StageNamesQuery } from '@switchboard/pipelines';
import { ReportsController } from './api/reports.controller';
import { BusinessTime } from './facts/business-time';
import { ReportFactsRepository } from './facts/report-facts.repository';
import { REPORT_FACTS_SUBSCRIBER, ReportFactsSubscriber } from './facts/report-facts.subscriber';
import { VolumeGuardPrune } from './facts/volume-guard-prune.tick';
import { NowCountsQuery } from './queries/now-counts.query';
import { ReportNames } from './queries/report-names';
import { ReportScope } from './queries/report-scope';
import { ReportTransaction } from './queries/report-transaction';
import { ResponseTimesReport } from './queries/response-times.report';
import { SlaOutcomesQuery } from './queries/sla-outcomes.query';
import { VolumeQuery } from './queries/volume.query';

/**
 * Reporting: facts recorded from domain events into this library's own tables, and the dashboard's figures
 * (counts now, backlog, response and resolution times, SLA met %, volume), scoped by department, as JSON and CSV.
 */
@Module({
  imports: [ConversationsModule],
  controllers: [ReportsController],
  providers: [
    BusinessTime,
    ReportFactsRepository,
    ReportFactsSubscriber,
    VolumeGuardPrune,
    // Pipelines' stateless card query, provided here (pipelines' module is another slice's).
    CardStagesQuery,
    // The owning libraries' name queries (stateless but for the scope), provided here for the same reason.
    DisplayNamesQuery,
    DepartmentNamesQuery,
    StageNamesQuery,
    NumberNamesQuery,
    ReportNames,
    ReportScope,
    ReportTransaction,
    NowCountsQuery,
    ResponseTimesReport,
    SlaOutcomesQuery,
    VolumeQuery,
    declareSubscribers('reporting', [REPORT_FACTS_SUBSCRIBER]),
  ],
})
export class ReportingModule {}
