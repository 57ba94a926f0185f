import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql, uuidv7 } from '@switchboard/engine';
import type { RoutingRule, RoutingTrigger, StoredActions } from './routing-rule';
import type { RoutingConditions } from '@switchboard/contracts';

interface Row {
  id: string;
  department_id: string;
  number_id: string | null;
  position: number;
  name: string;
  enabled: boolean;
  source: 'admin' | 'plugin';
  plugin_id: string | null;
  plugin_rule_key: string | null;
  trigger: RoutingTrigger;
  conditions: RoutingConditions;
  actions: StoredActions;
  stop: boolean;
  created_at: Date;
  updated_at: Date;
  updated_by: string | null;
}

export type NewRule = Omit<RoutingRule, 'id' | 'position' | 'createdAt' | 'updatedAt'>;

const toRule = (r: Row): RoutingRule => ({
  id: r.id,
  departmentId: r.department_id,
  numberId: r.number_id,
  position: r.position,
  name: r.name,
  enabled: r.enabled,
  source: r.source,
  pluginId: r.plugin_id,
  pluginRuleKey: r.plugin_rule_key,
  trigger: r.trigger,
  conditions: r.conditions,
  actions: r.actions,
  stop: r.stop,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
  updatedBy: r.updated_by,
});

/** routing_rules I/O. Rules run in `position` order (ties: the older first). */
@Injectable()
export class RoutingRuleRepository {
  /** Every rule of these departments, in order: one statement for a whole batch. */
  async ofDepartments(
    em: EntityManager,
    departmentIds: readonly string[],
  ): Promise<Map<string, RoutingRule[]>> {
    const byDepartment = new Map<string, RoutingRule[]>(departmentIds.map((d) => [d, []]));
    if (!departmentIds.length) return byDepartment;
    const rows = await sql<Row>(
      em,
      'select * from routing_rules where department_id = any(?::uuid[]) order by department_id, position, created_at, id',
      [departmentIds],
    );
    for (const r of rows) byDepartment.get(r.department_id)?.push(toRule(r));
    return byDepartment;
  }

  /** The departments among these with at least one enabled rule of `trigger`. */
  async withEnabledTrigger(
    em: EntityManager,
    departmentIds: readonly string[],
    trigger: RoutingTrigger,
  ): Promise<Set<string>> {
    if (!departmentIds.length) return new Set();
    const rows = await sql<{ department_id: string }>(
      em,
      `select distinct department_id from routing_rules
        where department_id = any(?::uuid[]) and enabled and trigger = ?`,
      [departmentIds, trigger],
      'routing_rules_with_trigger',
    );
    return new Set(rows.map((r) => r.department_id));
  }

  async byId(em: EntityManager, id: string, lock = false): Promise<RoutingRule | null> {
    const [row] = await sql<Row>(em, `select * from routing_rules where id = ?${lock ? ' for update' : ''}`, [
      id,
    ]);
    return row ? toRule(row) : null;
  }

  /** Appends a rule after the department's last one. */
  async insert(em: EntityManager, rule: NewRule): Promise<string> {
    const id = uuidv7();
    await sql(
      em,
      `insert into routing_rules (id, department_id, number_id, position, name, enabled, source, plugin_id,
                                  plugin_rule_key, trigger, conditions, actions, stop, created_at, updated_at, updated_by)
       select ?, ?, ?, coalesce((select max(position) + 1 from routing_rules where department_id = ?), 0), ?, ?, ?, ?,
              ?, ?, ?::jsonb, ?::jsonb, ?, now(), now(), ?`,
      [
        id,
        rule.departmentId,
        rule.numberId,
        rule.departmentId,
        rule.name,
        rule.enabled,
        rule.source,
        rule.pluginId,
        rule.pluginRuleKey,
        rule.trigger,
        JSON.stringify(rule.conditions),
        JSON.stringify(rule.actions),
        rule.stop,
        rule.updatedBy,
      ],
    );
    return id;
  }

  async update(em: EntityManager, rule: RoutingRule): Promise<void> {
    await sql(
      em,
      `update routing_rules set number_id = ?, name = ?, enabled = ?, trigger = ?, conditions = ?::jsonb,
              actions = ?::jsonb, stop = ?, updated_at = now(), updated_by = ? where id = ?`,
      [
        rule.numberId,
        rule.name,
        rule.enabled,
        rule.trigger,
        JSON.stringify(rule.conditions),
        JSON.stringify(rule.actions),
        rule.stop,
        rule.updatedBy,
        rule.id,
      ],
    );
  }

  async delete(em: EntityManager, id: string): Promise<void> {
    await sql(em, 'delete from routing_rules where id = ?', [id]);
  }

  /** Positions 0..n-1 in the order of `ids` (every rule of the department, checked by the caller). */
  async reorder(em: EntityManager, departmentId: string, ids: readonly string[], by: string): Promise<void> {
    await sql(
      em,
      `update routing_rules r set position = o.n - 1, updated_at = now(), updated_by = ?
         from unnest(?::uuid[]) with ordinality as o(id, n) where r.id = o.id and r.department_id = ?`,
      [by, ids, departmentId],
    );
  }

  /** Serialises changes to one department's rules (order, sync): held until the transaction ends. */
  async lockDepartment(em: EntityManager, departmentId: string): Promise<void> {
    await sql(em, `select pg_advisory_xact_lock(hashtext('routing_rules:' || ?))`, [departmentId]);
  }
}
