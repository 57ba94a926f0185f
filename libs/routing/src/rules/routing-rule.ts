import type { RoutingActions, RoutingConditions, RoutingRuleView } from '@switchboard/contracts';

/** A plugin's rule names its team (the plugin cannot know the department's team ids): resolved when it runs. */
export type StoredActions = RoutingActions & { teamName?: string };

export type RoutingTrigger = 'conversation_opened' | 'every_message';

/** A routing rule as stored. */
export interface RoutingRule {
  id: string;
  departmentId: string;
  numberId: string | null;
  position: number;
  name: string;
  enabled: boolean;
  source: 'admin' | 'plugin';
  pluginId: string | null;
  pluginRuleKey: string | null;
  trigger: RoutingTrigger;
  conditions: RoutingConditions;
  actions: StoredActions;
  stop: boolean;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string | null;
}

export function toRuleView(r: RoutingRule): RoutingRuleView {
  return {
    id: r.id,
    departmentId: r.departmentId,
    numberId: r.numberId,
    position: r.position,
    name: r.name,
    enabled: r.enabled,
    source: r.source,
    pluginId: r.pluginId,
    pluginRuleKey: r.pluginRuleKey,
    trigger: r.trigger,
    conditions: r.conditions,
    actions: r.actions,
    stop: r.stop,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    updatedBy: r.updatedBy,
  };
}
