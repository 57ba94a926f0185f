import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { SlaEscalation, SlaMatchView, SlaTargetsView } from '@switchboard/contracts';
import { sql, uuidv7 } from '@switchboard/engine';
import type { SlaPolicy } from './sla-policy';

interface Row {
  id: string;
  department_id: string;
  key: string;
  name: string;
  source: 'admin' | 'plugin';
  plugin_id: string | null;
  enabled: boolean;
  position: number;
  // A row written by hand (or by an older version) may leave lists out: toPolicy fills them.
  match: Partial<SlaMatchView>;
  targets: Partial<SlaTargetsView>;
  business_hours: boolean;
  escalations: SlaEscalation[];
  created_at: Date;
  updated_at: Date;
  updated_by: string | null;
}

export type NewPolicy = Omit<SlaPolicy, 'id' | 'position' | 'createdAt' | 'updatedAt'>;

const toPolicy = (r: Row): SlaPolicy => ({
  id: r.id,
  departmentId: r.department_id,
  key: r.key,
  name: r.name,
  source: r.source,
  pluginId: r.plugin_id,
  enabled: r.enabled,
  position: r.position,
  // Every list and kind present, whatever a row written by hand left out.
  match: { numberIds: [], priorities: [], requestTypes: [], ...r.match },
  targets: { firstResponse: null, nextResponse: null, resolution: null, stages: {}, ...r.targets },
  businessHours: r.business_hours,
  escalations: r.escalations,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
  updatedBy: r.updated_by,
});

/** The order policies are tried in (ties: the older first). */
const ORDER = 'position, created_at, id';

/** sla_policies I/O. */
@Injectable()
export class SlaPolicyRepository {
  async ofDepartment(em: EntityManager, departmentId: string): Promise<SlaPolicy[]> {
    const rows = await sql<Row>(em, `select * from sla_policies where department_id = ? order by ${ORDER}`, [
      departmentId,
    ]);
    return rows.map(toPolicy);
  }

  /** The enabled ones only, in order: what selection reads (one indexed statement). */
  async enabledOf(em: EntityManager, departmentId: string): Promise<SlaPolicy[]> {
    const rows = await sql<Row>(
      em,
      `select * from sla_policies where department_id = ? and enabled order by ${ORDER}`,
      [departmentId],
      'sla_policies_enabled',
    );
    return rows.map(toPolicy);
  }

  async byId(em: EntityManager, id: string): Promise<SlaPolicy | null> {
    const [row] = await sql<Row>(em, 'select * from sla_policies where id = ?', [id]);
    return row ? toPolicy(row) : null;
  }

  async keyTaken(em: EntityManager, departmentId: string, key: string): Promise<boolean> {
    const rows = await sql<{ id: string }>(
      em,
      'select id from sla_policies where department_id = ? and key = ?',
      [departmentId, key],
    );
    return rows.length > 0;
  }

  /** Serialises changes to one department's order (appends, reorders, plugin syncs). */
  async lockDepartment(em: EntityManager, departmentId: string): Promise<void> {
    await sql(em, `select pg_advisory_xact_lock(hashtext('sla_policies:' || ?))`, [departmentId]);
  }

  /** Appended after the department's last policy; returns its id. */
  async insert(em: EntityManager, p: NewPolicy): Promise<string> {
    const id = uuidv7();
    await sql(
      em,
      `insert into sla_policies (id, department_id, key, name, source, plugin_id, enabled, position, match, targets,
                                 business_hours, escalations, created_at, updated_at, updated_by)
       values (?, ?, ?, ?, ?, ?, ?, coalesce((select max(position) + 1 from sla_policies where department_id = ?), 0),
               ?::jsonb, ?::jsonb, ?, ?::jsonb, now(), now(), ?)`,
      [
        id,
        p.departmentId,
        p.key,
        p.name,
        p.source,
        p.pluginId,
        p.enabled,
        p.departmentId,
        JSON.stringify(p.match),
        JSON.stringify(p.targets),
        p.businessHours,
        JSON.stringify(p.escalations),
        p.updatedBy,
      ],
    );
    return id;
  }

  async update(em: EntityManager, p: SlaPolicy): Promise<void> {
    await sql(
      em,
      `update sla_policies set name = ?, enabled = ?, match = ?::jsonb, targets = ?::jsonb, business_hours = ?,
                               escalations = ?::jsonb, updated_at = now(), updated_by = ?
        where id = ?`,
      [
        p.name,
        p.enabled,
        JSON.stringify(p.match),
        JSON.stringify(p.targets),
        p.businessHours,
        JSON.stringify(p.escalations),
        p.updatedBy,
        p.id,
      ],
    );
  }

  async delete(em: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length) await sql(em, 'delete from sla_policies where id = any(?::uuid[])', [[...ids]]);
  }

  /** Positions 0..n-1 in the order of `ids` (every policy of the department). */
  async reorder(em: EntityManager, departmentId: string, ids: readonly string[], by: string): Promise<void> {
    await sql(
      em,
      `update sla_policies p set position = o.n - 1, updated_at = now(), updated_by = ?
         from unnest(?::uuid[]) with ordinality as o(id, n)
        where p.id = o.id and p.department_id = ? and p.position is distinct from o.n - 1`,
      [by, [...ids], departmentId],
    );
  }
}
