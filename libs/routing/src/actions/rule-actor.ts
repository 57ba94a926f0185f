import type { OwnershipActor } from '@switchboard/conversations';
import type { RoutingRule } from '../rules/routing-rule';

/** Who a rule's changes are made by: the plugin for its rules, the system for admins' (the rule is on the line). */
export function ruleActor(rule: Pick<RoutingRule, 'name' | 'source' | 'pluginId'>): OwnershipActor {
  return rule.source === 'plugin'
    ? { type: 'plugin', id: rule.pluginId, label: `Routing rule "${rule.name}"` }
    : { type: 'system', id: null, label: `Routing rule "${rule.name}"` };
}
