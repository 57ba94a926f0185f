import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql, uuidv7 } from '@switchboard/engine';
import type { PluginManifest } from '@switchboard/plugin-sdk';

/**
 * The upsert's value for a column an admin may override: theirs while `attribute` is in the row's `overridden`,
 * else the manifest's (so a restart or a plugin upgrade never undoes an admin's choice).
 */
const kept = (table: string, column: string, attribute = column): string =>
  `case when '${attribute}' = any(${table}.overridden) then ${table}.${column} else excluded.${column} end`;

/**
 * Keeps a department's pipelines in step with the manifest of the department plugin it runs: pipelines, stages
 * and fields are upserted by key; ones the manifest no longer lists are archived (cards and values stay). The
 * plugin's first pipeline becomes the department's default, where new conversations land. Stage and field
 * attributes an admin adjusted (PipelineAdminService) stand; the manifest's values are kept beside them.
 */
@Injectable()
export class PipelineSyncService {
  async syncDepartment(em: EntityManager, departmentId: string, manifest: PluginManifest): Promise<void> {
    // One sync per department at a time (boot of several api replicas, concurrent admin changes).
    await sql(em, 'select pg_advisory_xact_lock(hashtext(?))', [`pipeline-sync:${departmentId}`]);
    const ids: string[] = [];
    for (const p of manifest.contributes.pipelines) {
      const [row] = await sql<{ id: string }>(
        em,
        `insert into pipelines (id, department_id, key, name, plugin_id, is_default, created_at)
         values (?, ?, ?, ?, ?, false, now())
         on conflict (department_id, key) do update set name = excluded.name, plugin_id = excluded.plugin_id
         returning id`,
        [uuidv7(), departmentId, p.key, p.name, manifest.id],
      );
      ids.push(row.id);
      await this.syncStages(em, row.id, p.stages);
      await this.syncFields(em, row.id, p.fields);
    }
    await sql(
      em,
      'update pipelines set is_default = false where department_id = ? and is_default and id <> ?',
      [departmentId, ids[0]],
    );
    await sql(em, 'update pipelines set is_default = true where id = ?', [ids[0]]);
    // The plugin's visibility is a default: once an admin set the members-only flag, theirs stands.
    await sql(em, 'update departments set visibility = ? where id = ? and not visibility_pinned', [
      manifest.contributes.visibility,
      departmentId,
    ]);
  }

  private async syncStages(
    em: EntityManager,
    pipelineId: string,
    stages: PluginManifest['contributes']['pipelines'][number]['stages'],
  ): Promise<void> {
    // Positions are shifted out of the way first, so reordering never collides mid-update.
    await sql(em, 'update pipeline_stages set position = position + 1000 where pipeline_id = ?', [
      pipelineId,
    ]);
    for (const [position, s] of stages.entries())
      await sql(
        em,
        `insert into pipeline_stages (id, pipeline_id, key, name, position, category, color, wip_limit,
                                      required_fields, on_enter, archived_at, plugin_values)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, null, ?::jsonb)
         on conflict (pipeline_id, key) do update set position = excluded.position,
           name = ${kept('pipeline_stages', 'name')}, color = ${kept('pipeline_stages', 'color')},
           wip_limit = ${kept('pipeline_stages', 'wip_limit', 'wipLimit')},
           required_fields = ${kept('pipeline_stages', 'required_fields', 'requiredFields')},
           category = excluded.category, on_enter = excluded.on_enter, archived_at = null,
           plugin_values = excluded.plugin_values`,
        [
          uuidv7(),
          pipelineId,
          s.key,
          s.name,
          position,
          s.category,
          s.color ?? null,
          s.wipLimit ?? null,
          JSON.stringify(s.requiredFields),
          JSON.stringify(s.onEnter),
          JSON.stringify({
            name: s.name,
            color: s.color ?? null,
            wipLimit: s.wipLimit ?? null,
            requiredFields: s.requiredFields,
          }),
        ],
      );
    await sql(
      em,
      `update pipeline_stages set archived_at = coalesce(archived_at, now())
        where pipeline_id = ? and key <> all(?::text[])`,
      [pipelineId, stages.map((s) => s.key)],
    );
  }

  private async syncFields(
    em: EntityManager,
    pipelineId: string,
    fields: PluginManifest['contributes']['pipelines'][number]['fields'],
  ): Promise<void> {
    for (const [position, f] of fields.entries()) {
      const config = {
        ...(f.description ? { description: f.description } : {}),
        ...(f.options ? { options: f.options } : {}),
        ...(f.currency ? { currency: f.currency } : {}),
        ...(f.reference ? { reference: f.reference } : {}),
        ...(f.maxLength ? { maxLength: f.maxLength } : {}),
      };
      await sql(
        em,
        `insert into pipeline_fields (id, pipeline_id, key, label, type, config, position, archived_at,
                                      plugin_values)
         values (?, ?, ?, ?, ?, ?::jsonb, ?, null, ?::jsonb)
         on conflict (pipeline_id, key) do update set label = ${kept('pipeline_fields', 'label')},
           type = excluded.type, config = excluded.config, position = excluded.position, archived_at = null,
           plugin_values = excluded.plugin_values`,
        [
          uuidv7(),
          pipelineId,
          f.key,
          f.label,
          f.type,
          JSON.stringify(config),
          position,
          JSON.stringify({ label: f.label }),
        ],
      );
    }
    await sql(
      em,
      `update pipeline_fields set archived_at = coalesce(archived_at, now())
        where pipeline_id = ? and key <> all(?::text[])`,
      [pipelineId, fields.map((f) => f.key)],
    );
  }
}
