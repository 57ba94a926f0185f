import type { RoutingActions, RoutingRuleView } from '@switchboard/contracts';

/** A plugin's rule names its team (the plugin cannot know the department's team ids): resolved when it runs. */
export type StoredActions = RoutingActions & { teamName?: string };

export type RoutingTrigger = RoutingRuleView['trigger'];

/** A routing rule as stored: the API's view with real dates and the plugin's team name kept in its actions. */
export type RoutingRule = Omit<RoutingRuleView, 'actions' | 'createdAt' | 'updatedAt'> & {
  actions: StoredActions;
  createdAt: Date;
  updatedAt: Date;
};

export function toRuleView(r: RoutingRule): RoutingRuleView {
  return {
    ...r,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
