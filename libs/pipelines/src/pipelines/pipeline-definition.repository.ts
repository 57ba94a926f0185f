import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';
import type { FieldView, PipelineView, StageView } from '@switchboard/contracts';
import type { FieldDef } from '../fields/field-values';

interface PipelineRow {
  id: string;
  key: string;
  name: string;
  department_id: string;
  plugin_id: string | null;
  is_default: boolean;
  stages: {
    id: string;
    key: string;
    name: string;
    category: StageView['category'];
    color: string | null;
    wip_limit: number | null;
    required_fields: string[];
    archived: boolean;
    overridden: string[];
  }[];
  fields: {
    key: string;
    label: string;
    type: FieldDef['type'];
    config: FieldDef['config'];
    archived: boolean;
    overridden: string[];
  }[];
}

/** Reads pipelines with their stages (in order) and fields, one statement per call. */
@Injectable()
export class PipelineDefinitionRepository {
  constructor(private readonly em: EntityManager) {}

  async find(where: string, params: unknown[], em: EntityManager = this.em): Promise<PipelineView[]> {
    const rows = await sql<PipelineRow>(
      em,
      `select p.id, p.key, p.name, p.department_id, p.plugin_id, p.is_default,
              coalesce((select json_agg(json_build_object('id', s.id, 'key', s.key, 'name', s.name,
                         'category', s.category, 'color', s.color, 'wip_limit', s.wip_limit,
                         'required_fields', s.required_fields, 'archived', s.archived_at is not null,
                         'overridden', s.overridden)
                         order by s.position) from pipeline_stages s where s.pipeline_id = p.id), '[]') as stages,
              coalesce((select json_agg(json_build_object('key', f.key, 'label', f.label, 'type', f.type,
                         'config', f.config, 'archived', f.archived_at is not null,
                         'overridden', f.overridden) order by f.position)
                         from pipeline_fields f where f.pipeline_id = p.id), '[]') as fields
         from pipelines p where ${where}
        order by p.department_id, p.is_default desc, p.name`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      key: r.key,
      name: r.name,
      departmentId: r.department_id,
      pluginId: r.plugin_id,
      isDefault: r.is_default,
      stages: r.stages.map((s) => ({
        id: s.id,
        key: s.key,
        name: s.name,
        category: s.category,
        color: s.color,
        wipLimit: s.wip_limit,
        // A field its plugin dropped (archived) takes no values, so a stage can no longer ask for it.
        requiredFields: s.required_fields.filter((key) => r.fields.some((f) => f.key === key && !f.archived)),
        archived: s.archived,
        overridden: s.overridden,
      })),
      fields: r.fields.map((f): FieldView => ({
        key: f.key,
        label: f.label,
        type: f.type,
        config: { ...f.config },
        archived: f.archived,
        overridden: f.overridden,
      })),
    }));
  }

  async byId(id: string, em?: EntityManager): Promise<PipelineView | null> {
    return (await this.find('p.id = ?', [id], em))[0] ?? null;
  }

  /** Field definitions in the shape the validator takes. */
  static fieldDefs(pipeline: PipelineView): FieldDef[] {
    return pipeline.fields.map((f) => ({
      key: f.key,
      label: f.label,
      type: f.type as FieldDef['type'],
      config: f.config,
      archived: f.archived,
    }));
  }
}
