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
    // In turn: both run on the caller's connection.
    const rules = await this.repository.ofDepartments(em, unique);
    const plugins = await this.plugins.of(em, unique);
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

  /**
   * Which of these departments have an enabled `every_message` rule: one cheap query, so a batch of customer messages
   * in departments without one is passed over before anything else is read. (Plugin rules are `conversation_opened`
   * rules: syncing them never adds one.)
   */
  async withEveryMessageRules(em: EntityManager, departmentIds: readonly string[]): Promise<Set<string>> {
    return this.repository.withEnabledTrigger(em, [...new Set(departmentIds)], 'every_message');
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
