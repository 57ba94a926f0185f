import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DEFAULT_PIPELINE } from './default-pipeline';
import { Department } from './entities/department.entity';
import { PipelineStage } from './entities/pipeline-stage.entity';
import { Pipeline } from './entities/pipeline.entity';

/** Creates a department with its default pipeline; idempotent on the department key. */
@Injectable()
export class DepartmentSetupService {
  constructor(private readonly em: EntityManager) {}

  async ensure(key: string, name: string): Promise<Department> {
    return this.em.fork().transactional(async (em) => {
      const existing = await em.findOne(Department, { key });
      if (existing) return existing;
      const department = em.create(Department, {
        key,
        name,
        visibility: 'department',
        createdAt: new Date(),
      });
      const pipeline = em.create(Pipeline, {
        department,
        key: DEFAULT_PIPELINE.key,
        name: DEFAULT_PIPELINE.name,
        isDefault: true,
        createdAt: new Date(),
      });
      DEFAULT_PIPELINE.stages.forEach((stage, position) =>
        em.create(PipelineStage, {
          pipeline,
          key: stage.key,
          name: stage.name,
          category: stage.category,
          position,
          requiredFields: [],
          onEnter: [],
        }),
      );
      return department;
    });
  }
}
