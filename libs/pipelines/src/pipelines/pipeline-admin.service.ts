import { EntityManager } from '@mikro-orm/postgresql';
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { PipelineView } from '@switchboard/contracts';
import { sql } from '@switchboard/engine';
import { AccessScope, AuditLog } from '@switchboard/identity';
import type { AdjustFieldRequest, AdjustStageRequest } from './pipeline-adjustment.request';
import { PipelineDefinitionRepository } from './pipeline-definition.repository';

interface StageRow {
  id: string;
  name: string;
  color: string | null;
  wip_limit: number | null;
  required_fields: string[];
  plugin_values: Partial<StageValues>;
  overridden: string[];
  archived_at: Date | null;
}

interface FieldRow {
  id: string;
  label: string;
  plugin_values: Record<string, unknown>;
  overridden: string[];
  archived_at: Date | null;
}

interface StageValues {
  name: string;
  color: string | null;
  wipLimit: number | null;
  requiredFields: string[];
}

/**
 * Admins adjust a plugin's stages and fields without writing a plugin: the values they set stand over the
 * manifest's (the sync keeps them, see PipelineSyncService) until reset to the plugin's. Stages are never added or
 * removed here: plugin automations refer to their keys. Board and move rules read the same columns, so they follow.
 * Every change is audited on the department, in the transaction that makes it.
 */
@Injectable()
export class PipelineAdminService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
    private readonly audit: AuditLog,
    private readonly pipelines: PipelineDefinitionRepository,
  ) {}

  async adjustStage(pipelineId: string, stageKey: string, body: AdjustStageRequest): Promise<PipelineView> {
    return this.em.fork().transactional(async (tx) => {
      const pipeline = await this.visible(tx, pipelineId);
      const [row] = await sql<StageRow>(
        tx,
        `select id, name, color, wip_limit, required_fields, plugin_values, overridden, archived_at
           from pipeline_stages where pipeline_id = ? and key = ? for update`,
        [pipelineId, stageKey],
      );
      if (!row) throw new NotFoundException(`stage "${stageKey}" not found in pipeline ${pipelineId}`);
      if (row.archived_at)
        throw new ConflictException(`stage "${stageKey}" is archived: its plugin dropped it`);
      if (body.requiredFields) await this.assertFields(tx, pipelineId, body.requiredFields);

      const before: StageValues = {
        name: row.name,
        color: row.color,
        wipLimit: row.wip_limit,
        requiredFields: row.required_fields,
      };
      const plugin = row.plugin_values;
      const after: StageValues = {
        name: body.name ?? before.name,
        color: body.color !== undefined ? body.color : before.color,
        wipLimit: body.wipLimit !== undefined ? body.wipLimit : before.wipLimit,
        requiredFields: body.requiredFields ?? before.requiredFields,
      };
      const reset = body.reset ?? [];
      // A value the plugin never gave (a row older than plugin_values) stays as it is.
      if (reset.includes('name')) after.name = plugin.name ?? before.name;
      if (reset.includes('color')) after.color = plugin.color !== undefined ? plugin.color : before.color;
      if (reset.includes('wipLimit'))
        after.wipLimit = plugin.wipLimit !== undefined ? plugin.wipLimit : before.wipLimit;
      if (reset.includes('requiredFields'))
        after.requiredFields = plugin.requiredFields ?? before.requiredFields;
      const set = (['name', 'color', 'wipLimit', 'requiredFields'] as const).filter(
        (a) => body[a] !== undefined,
      );
      const overridden = [...new Set([...row.overridden, ...set])].filter(
        (a) => !(reset as string[]).includes(a),
      );

      await sql(
        tx,
        `update pipeline_stages set name = ?, color = ?, wip_limit = ?, required_fields = ?::jsonb,
                overridden = ?::text[] where id = ?`,
        [after.name, after.color, after.wipLimit, JSON.stringify(after.requiredFields), overridden, row.id],
      );
      await this.audit.record(
        {
          action: 'pipeline.stage_adjusted',
          targetType: 'pipeline_stage',
          targetId: row.id,
          departmentId: pipeline.departmentId,
          details: { pipeline: pipeline.key, stage: stageKey, ...changes(before, after, set, reset) },
        },
        tx,
      );
      return (await this.pipelines.byId(pipelineId, tx))!;
    });
  }

  async adjustField(pipelineId: string, fieldKey: string, body: AdjustFieldRequest): Promise<PipelineView> {
    return this.em.fork().transactional(async (tx) => {
      const pipeline = await this.visible(tx, pipelineId);
      const [row] = await sql<FieldRow>(
        tx,
        `select id, label, plugin_values, overridden, archived_at
           from pipeline_fields where pipeline_id = ? and key = ? for update`,
        [pipelineId, fieldKey],
      );
      if (!row) throw new NotFoundException(`field "${fieldKey}" not found in pipeline ${pipelineId}`);
      if (row.archived_at)
        throw new ConflictException(`field "${fieldKey}" is archived: its plugin dropped it`);
      const reset = body.reset ?? [];
      const pluginLabel = row.plugin_values.label;
      const label = reset.includes('label')
        ? typeof pluginLabel === 'string'
          ? pluginLabel
          : row.label
        : (body.label ?? row.label);
      const set = body.label !== undefined ? ['label'] : [];
      const overridden = [...new Set([...row.overridden, ...set])].filter(
        (a) => !(reset as string[]).includes(a),
      );
      await sql(tx, 'update pipeline_fields set label = ?, overridden = ?::text[] where id = ?', [
        label,
        overridden,
        row.id,
      ]);
      await this.audit.record(
        {
          action: 'pipeline.field_adjusted',
          targetType: 'pipeline_field',
          targetId: row.id,
          departmentId: pipeline.departmentId,
          details: {
            pipeline: pipeline.key,
            field: fieldKey,
            ...changes({ label: row.label }, { label }, set, reset),
          },
        },
        tx,
      );
      return (await this.pipelines.byId(pipelineId, tx))!;
    });
  }

  /** The pipeline when the actor may see its department; absent and hidden look the same (404). */
  private async visible(tx: EntityManager, pipelineId: string): Promise<PipelineView> {
    const pipeline = await this.pipelines.byId(pipelineId, tx);
    this.scope.assertIn('conversations.read', pipeline?.departmentId ?? null, `pipeline ${pipelineId}`);
    return pipeline!;
  }

  /** Required fields must be the pipeline's own, current fields: each unknown key is named. */
  private async assertFields(tx: EntityManager, pipelineId: string, keys: string[]): Promise<void> {
    const rows = await sql<{ key: string }>(
      tx,
      'select key from pipeline_fields where pipeline_id = ? and archived_at is null',
      [pipelineId],
    );
    const known = new Set(rows.map((r) => r.key));
    const problems = keys.flatMap((key, i) =>
      known.has(key)
        ? []
        : [{ field: `requiredFields.${i}`, problem: `"${key}" is not a current field of this pipeline` }],
    );
    if (problems.length)
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: problems.map((p) => `${p.field}: ${p.problem}`).join('; '),
        problems,
      });
  }
}

/** What the audit row says: each attribute that changed, from and to, and which were set or reset. */
function changes<T extends object>(
  before: T,
  after: T,
  set: readonly string[],
  reset: readonly string[],
): Record<string, unknown> {
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after) as (keyof T & string)[])
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      changed[key] = { from: before[key], to: after[key] };
  return { set, reset, changed };
}
