import { Module } from '@nestjs/common';
import { CardActionService } from './cards/card-action.service';
import { CardCommandsService } from './cards/card-commands.service';
import { CardQueryService } from './cards/card-query.service';
import { CardSummaryQuery } from './cards/card-summary.query';
import { CardTimelineService } from './cards/card-timeline.service';
import { CardTransferService } from './cards/card-transfer.service';
import { CardRepository } from './cards/card.repository';
import { CardsController } from './cards/cards.controller';
import { DepartmentSetupService } from './department-setup.service';
import { DepartmentAdminService } from './departments/department-admin.service';
import { DepartmentCalendarsService } from './departments/department-calendars.service';
import { DepartmentDirectoryModule } from './departments/department-directory.module';
import { PipelineAdminService } from './pipelines/pipeline-admin.service';
import { PipelineDefinitionRepository } from './pipelines/pipeline-definition.repository';
import { PipelinesController } from './pipelines/pipelines.controller';
import { PipelineSyncService } from './sync/pipeline-sync.service';
import { PluginActivationService } from './sync/plugin-activation.service';
import { TransferDepartmentsQuery } from './departments/transfer-departments.query';

const SERVICES = [
  CardRepository,
  CardCommandsService,
  CardActionService,
  CardQueryService,
  CardSummaryQuery,
  CardTimelineService,
  CardTransferService,
  DepartmentSetupService,
  DepartmentAdminService,
  DepartmentCalendarsService,
  PipelineAdminService,
  PipelineDefinitionRepository,
  PipelineSyncService,
  PluginActivationService,
  TransferDepartmentsQuery,
];

/** Departments, pipelines and cards: sync from department plugins, card rules, the board and card API. */
@Module({
  imports: [DepartmentDirectoryModule],
  controllers: [PipelinesController, CardsController],
  providers: SERVICES,
  exports: SERVICES,
})
export class PipelinesModule {}
