import { Card } from './entities/card.entity';
import { Department } from './entities/department.entity';
import { PipelineStage } from './entities/pipeline-stage.entity';
import { Pipeline } from './entities/pipeline.entity';

export { CardRepository } from './cards/card.repository';
export { DEFAULT_PIPELINE } from './default-pipeline';
export { DepartmentSetupService } from './department-setup.service';
export { PipelinesModule } from './pipelines.module';
export { Card, Department, Pipeline, PipelineStage };
export type { StageCategory } from './entities/pipeline-stage.entity';

export const PIPELINE_ENTITIES = [Department, Pipeline, PipelineStage, Card];
