import { CardEvent } from './entities/card-event.entity';
import { Card } from './entities/card.entity';
import { Department } from './entities/department.entity';
import { PipelineField } from './entities/pipeline-field.entity';
import { PipelineStage } from './entities/pipeline-stage.entity';
import { Pipeline } from './entities/pipeline.entity';

export { CardCommandsService } from './cards/card-commands.service';
export type { CardAccess, CardActor } from './cards/card-commands.service';
export { CARD_SELECT, toPluginCard } from './cards/card-row';
export type { CardRow } from './cards/card-row';
export { CardTimelineService } from './cards/card-timeline.service';
export type { TimelineEntry, TimelineEntryKind } from './cards/card-timeline.service';
export { CardTransferService } from './cards/card-transfer.service';
export type { CardTransferResult } from './cards/card-transfer.service';
export { CardRepository } from './cards/card.repository';
export { DEFAULT_PIPELINE } from './default-pipeline';
export { DepartmentSetupService } from './department-setup.service';
export type { NewDepartment } from './department-setup.service';
export { DepartmentAdminService } from './departments/department-admin.service';
export type { BoundNumbers, DepartmentRecord } from './departments/department-admin.service';
export { PipelinesModule } from './pipelines.module';
export { PluginActivationService } from './sync/plugin-activation.service';
export { Card, CardEvent, Department, Pipeline, PipelineField, PipelineStage };
export type { DepartmentVisibility } from './entities/department.entity';
export type { StageCategory } from './entities/pipeline-stage.entity';

export const PIPELINE_ENTITIES = [Department, Pipeline, PipelineStage, PipelineField, Card, CardEvent];
