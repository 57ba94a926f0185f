import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { LoadedPlugin, planPluginItems, sql } from '@switchboard/engine';
import type { RoutingRule as PluginRoutingRule } from '@switchboard/plugin-sdk';
import type { RoutingRule, StoredActions } from './routing-rule';
import { RoutingRuleRepository } from './routing-rule.repository';

/** A plugin rule as a stored rule's conditions and actions. */
export function fromPluginRule(
  rule: PluginRoutingRule,
): Pick<RoutingRule, 'name' | 'conditions' | 'actions'> {
  const actions: StoredActions = {};
  if (rule.then.stage) actions.stage = rule.then.stage;
  if (rule.then.team) actions.teamName = rule.then.team;
  if (rule.then.priority) actions.priority = rule.then.priority;
  if (rule.then.setFields) actions.setFields = rule.then.setFields;
  return {
    name: rule.name,
    conditions: {
      ...(rule.when.keywords ? { text: { keywords: rule.when.keywords } } : {}),
      ...(rule.when.intent ? { intent: rule.when.intent } : {}),
    },
    actions,
  };
}

/**
 * Keeps a department's `plugin` rules equal to its department plugin's declared routingRules: missing ones are
 * appended, changed ones (an upgraded plugin) rewritten, those of a plugin it no longer runs removed. Admins'
 * choices on them (enabled, position) are kept. Writes only when something differs.
 */
@Injectable()
export class PluginRuleSync {
  constructor(private readonly rules: RoutingRuleRepository) {}

  /** True when it changed the department's rules (the caller reloads them). */
  async sync(
    em: EntityManager,
    departmentId: string,
    plugin: LoadedPlugin | null,
    current: readonly RoutingRule[],
  ): Promise<boolean> {
    const pluginId = plugin?.manifest.id ?? null;
    const { stale, missing, changed, size } = planPluginItems(
      pluginId,
      plugin?.manifest.contributes.routingRules ?? [],
      current,
      (r) => r.pluginRuleKey,
      fromPluginRule,
    );
    if (!size) return false;
    await this.rules.lockDepartment(em, departmentId);
    if (stale.length)
      await sql(em, 'delete from routing_rules where id = any(?::uuid[])', [stale.map((r) => r.id)]);
    for (const d of [...missing, ...changed.map(([, item]) => item)]) {
      const rule = fromPluginRule(d);
      await sql(
        em,
        `insert into routing_rules (id, department_id, number_id, position, name, enabled, source, plugin_id,
                                    plugin_rule_key, trigger, conditions, actions, stop, created_at, updated_at, updated_by)
         values (gen_random_uuid(), ?, null,
                 coalesce((select max(position) + 1 from routing_rules where department_id = ?), 0), ?, true, 'plugin', ?,
                 ?, 'conversation_opened', ?::jsonb, ?::jsonb, false, now(), now(), ?)
         on conflict (department_id, plugin_id, plugin_rule_key) where source = 'plugin'
         do update set name = excluded.name, conditions = excluded.conditions, actions = excluded.actions,
                       updated_at = now(), updated_by = excluded.updated_by`,
        [
          departmentId,
          departmentId,
          rule.name,
          pluginId,
          d.key,
          JSON.stringify(rule.conditions),
          JSON.stringify(rule.actions),
          `plugin:${pluginId}`,
        ],
      );
    }
    return true;
  }
}
