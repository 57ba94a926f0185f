import { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@switchboard/engine';

/** The field and stage keys of the department's default pipeline (null: it has none). For other libs' checks. */
export async function defaultPipelineKeys(
  em: EntityManager,
  departmentId: string,
): Promise<{ fields: Set<string>; stages: Set<string> } | null> {
  const [pipeline] = await sql<{ id: string }>(
    em,
    'select id from pipelines where department_id = ? and is_default limit 1',
    [departmentId],
  );
  if (!pipeline) return null;
  const fields = await sql<{ key: string }>(em, 'select key from pipeline_fields where pipeline_id = ?', [
    pipeline.id,
  ]);
  const stages = await sql<{ key: string }>(em, 'select key from pipeline_stages where pipeline_id = ?', [
    pipeline.id,
  ]);
  return { fields: new Set(fields.map((f) => f.key)), stages: new Set(stages.map((s) => s.key)) };
}

/** Whether a department with this id exists (archived ones included). */
export async function departmentExists(em: EntityManager, departmentId: string): Promise<boolean> {
  const rows = await sql<{ id: string }>(em, 'select id from departments where id = ?', [departmentId]);
  return rows.length > 0;
}
