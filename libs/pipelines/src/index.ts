import { CardEvent } from './entities/card-event.entity';
import { Card } from './entities/card.entity';
import { Department } from './entities/department.entity';
import { DepartmentCalendar } from './entities/department-calendar.entity';
import { PipelineField } from './entities/pipeline-field.entity';
import { PipelineStage } from './entities/pipeline-stage.entity';
import { Pipeline } from './entities/pipeline.entity';

export { CardCommandsService } from './cards/card-commands.service';
export type { CardAccess, CardActor } from './cards/card-commands.service';
export { CARD_SELECT, toPluginCard } from './cards/card-row';
export { CardConversations } from './cards/card-conversations';
export type { CardRow } from './cards/card-row';
export { CardSummaryQuery } from './cards/card-summary.query';
export { CardStagesQuery } from './cards/card-stages.query';
export type { CardStage } from './cards/card-stages.query';
export type { CardSummary } from './cards/card-summary.query';
export { CardTimelineService } from './cards/card-timeline.service';
export type { TimelineEntry, TimelineEntryKind } from './cards/card-timeline.service';
export { CardTransferService } from './cards/card-transfer.service';
export type { CardTransferResult } from './cards/card-transfer.service';
export { CardRepository } from './cards/card.repository';
export { PluginCardQuery } from './cards/plugin-card.query';
export type { HookCard, StageMove } from './cards/plugin-card.query';
export { DEFAULT_PIPELINE } from './default-pipeline';
export { DepartmentSetupService } from './department-setup.service';
export type { NewDepartment } from './department-setup.service';
export { DepartmentAdminService } from './departments/department-admin.service';
export type { BoundNumbers, DepartmentRecord } from './departments/department-admin.service';
export { DepartmentCalendarResolver } from './departments/department-calendar.resolver';
export type { ResolvedCalendar } from './departments/department-calendar.resolver';
export { DepartmentCalendarsService } from './departments/department-calendars.service';
export { DepartmentNamesQuery } from './departments/department-names.query';
export { StageNamesQuery, stageRefKey } from './pipelines/stage-names.query';
export type { StageRef } from './pipelines/stage-names.query';
export { TransferDepartmentsQuery } from './departments/transfer-departments.query';
export type { TransferDepartment } from './departments/transfer-departments.query';
export { defaultPipelineKeys, departmentExists } from './pipelines/pipeline-keys.query';
export { PipelinesModule } from './pipelines.module';
export { PluginActivationService } from './sync/plugin-activation.service';
export { Card, CardEvent, Department, DepartmentCalendar, Pipeline, PipelineField, PipelineStage };
export type { DepartmentVisibility } from './entities/department.entity';
export type { StageCategory } from './entities/pipeline-stage.entity';

export const PIPELINE_ENTITIES = [
  Department,
  DepartmentCalendar,
  Pipeline,
  PipelineStage,
  PipelineField,
  Card,
  CardEvent,
];
