import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { LoadedPlugin } from '@switchboard/engine';
import { ruleMatches } from '../matching/rule-matches';
import type { RoutingFacts } from '../matching/routing-facts';
import { DepartmentPlugins } from '../rules/department-plugins.service';
import { PluginRuleSync } from '../rules/plugin-rule-sync.service';
import type { RoutingRule, RoutingTrigger } from '../rules/routing-rule';
import { RoutingRuleRepository } from '../rules/routing-rule.repository';

export interface DepartmentRules {
  rules: RoutingRule[];
  /** The department plugin it runs (its triage intents feed the intent condition). */
  plugin: LoadedPlugin | null;
}

/** The rules of departments, with their plugin rules synced first, and which of them match. */
@Injectable()
export class RuleBook {
  constructor(
    private readonly repository: RoutingRuleRepository,
    private readonly plugins: DepartmentPlugins,
    private readonly sync: PluginRuleSync,
  ) {}

  /** One query for every department's rules (a second only when a plugin's rules had to be synced). */
  async load(em: EntityManager, departmentIds: readonly string[]): Promise<Map<string, DepartmentRules>> {
    const unique = [...new Set(departmentIds)];
    const [rules, plugins] = await Promise.all([
      this.repository.ofDepartments(em, unique),
      this.plugins.of(unique),
    ]);
    const synced: string[] = [];
    for (const d of unique)
      if (await this.sync.sync(em, d, plugins.get(d) ?? null, rules.get(d) ?? [])) synced.push(d);
    const reloaded = synced.length
      ? await this.repository.ofDepartments(em, synced)
      : new Map<string, RoutingRule[]>();
    return new Map(
      unique.map((d) => [
        d,
        { rules: reloaded.get(d) ?? rules.get(d) ?? [], plugin: plugins.get(d) ?? null },
      ]),
    );
  }

  /** The enabled rules of `trigger` that match, in order, up to and including the first matching `stop` rule. */
  matching(rules: readonly RoutingRule[], trigger: RoutingTrigger, facts: RoutingFacts): RoutingRule[] {
    const matched: RoutingRule[] = [];
    for (const rule of rules) {
      if (!rule.enabled || rule.trigger !== trigger) continue;
      if (rule.numberId && rule.numberId !== facts.numberId) continue;
      if (!ruleMatches(rule.conditions, facts)) continue;
      matched.push(rule);
      if (rule.stop) break;
    }
    return matched;
  }
}
