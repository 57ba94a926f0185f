import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DEFAULT_PIPELINE } from './default-pipeline';
import { Department, DepartmentVisibility } from './entities/department.entity';
import { PipelineStage } from './entities/pipeline-stage.entity';
import { Pipeline } from './entities/pipeline.entity';

export interface NewDepartment {
  key: string;
  name: string;
  visibility: DepartmentVisibility;
  /** The visibility is an admin's explicit choice: department plugins leave it alone. */
  visibilityPinned: boolean;
}

/** Creates departments with their default pipeline (where new conversations land until a plugin brings its own). */
@Injectable()
export class DepartmentSetupService {
  constructor(private readonly em: EntityManager) {}

  /** Idempotent on the department key (demo, tests): an existing department is returned as it is. */
  async ensure(key: string, name: string): Promise<Department> {
    return this.em.fork().transactional(async (em) => {
      const existing = await em.findOne(Department, { key });
      if (existing) return existing;
      return this.create(em, { key, name, visibility: 'department', visibilityPinned: false });
    });
  }

  /** Staged on `em`: it is written when `em`'s transaction flushes. */
  create(em: EntityManager, input: NewDepartment): Department {
    const department = em.create(Department, { ...input, createdAt: new Date() });
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
        pluginValues: { name: stage.name, color: null, wipLimit: null, requiredFields: [] },
        overridden: [],
      }),
    );
    return department;
  }
}
