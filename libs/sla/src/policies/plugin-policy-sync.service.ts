import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import type { SlaMatchView, SlaTarget, SlaTargetsView } from '@switchboard/contracts';
import { DomainEventInput, DomainEvents, LoadedPlugin, planPluginItems } from '@switchboard/engine';
import type { SlaPolicy as PluginSlaPolicy } from '@switchboard/plugin-sdk';
import { policyEditEvent, type SlaPolicy } from './sla-policy';
import { SlaPolicyRepository } from './sla-policy.repository';

/**
 * A plugin target in minutes as a stored target: the warning at the plugin's `warnAtPercent` of it (80 % unless it
 * says otherwise), rounded to the minute, and always at least a minute before the deadline (0 for a 1-minute target).
 */
export function pluginTarget(minutes: number, warnAtPercent: number): SlaTarget {
  const warning = Math.round((minutes * warnAtPercent) / 100);
  return { warningMinutes: Math.max(0, Math.min(warning, minutes - 1)), breachMinutes: minutes };
}

/** A plugin's declared policy as a stored policy's match and targets (its priority → match.priorities). */
export function fromPluginPolicy(
  p: PluginSlaPolicy,
): Pick<SlaPolicy, 'name' | 'match' | 'targets' | 'businessHours'> {
  const target = (minutes: number | undefined) =>
    minutes === undefined ? null : pluginTarget(minutes, p.warnAtPercent);
  const match: SlaMatchView = { numberIds: [], priorities: p.priority ? [p.priority] : [], requestTypes: [] };
  const targets: SlaTargetsView = {
    firstResponse: target(p.firstResponseMinutes),
    nextResponse: target(p.nextResponseMinutes),
    resolution: target(p.resolutionMinutes),
    stages: {},
  };
  return { name: p.name, match, targets, businessHours: p.businessHours };
}

/**
 * Keeps a department's `plugin` policies equal to its department plugin's declared slaPolicies: missing ones are
 * appended, changed ones (an upgraded plugin) rewritten, those of a plugin it no longer runs removed. Admins'
 * choices on them (enabled, position) are never overwritten. A declared key an admin's policy already holds in the
 * department is left to the admin's policy. Writes only when something differs.
 */
@Injectable()
export class PluginPolicySync {
  private readonly log = new Logger(PluginPolicySync.name);

  constructor(
    private readonly policies: SlaPolicyRepository,
    private readonly events: DomainEvents,
  ) {}

  /** True when it changed the department's policies. */
  async sync(
    em: EntityManager,
    departmentId: string,
    plugin: LoadedPlugin | null,
    current: readonly SlaPolicy[],
  ): Promise<boolean> {
    if (!this.plan(plugin, current).size) return false;
    await this.policies.lockDepartment(em, departmentId);
    // Another process may have synced while this one waited for the lock: plan again on what is there now.
    const plan = this.plan(plugin, await this.policies.ofDepartment(em, departmentId));
    if (!plan.size) return false;
    const pluginId = plugin?.manifest.id ?? null;
    const by = `plugin:${pluginId}`;
    await this.policies.delete(
      em,
      plan.stale.map((p) => p.id),
    );
    for (const d of plan.missing)
      await this.policies.insert(em, {
        ...fromPluginPolicy(d),
        departmentId,
        key: d.key,
        source: 'plugin',
        pluginId,
        enabled: true,
        escalations: [],
        updatedBy: by,
      });
    // enabled and position stay the admins' choice.
    const moved: DomainEventInput[] = [];
    for (const [p, d] of plan.changed) {
      const next: SlaPolicy = { ...p, ...fromPluginPolicy(d), updatedBy: by };
      await this.policies.update(em, next);
      // An upgraded plugin's new targets or match reach the clocks already running, as an admin's edit does.
      const event = policyEditEvent(p, next);
      if (event) moved.push(event);
    }
    // Policies added, removed or matching anew: every open conversation of the department selects again, which
    // recomputes the rest as well; otherwise only the clocks under the policies whose targets changed.
    const reselect =
      plan.missing.length > 0 ||
      plan.stale.some((p) => p.enabled) ||
      moved.some((e) => e.name === 'sla.policies_changed');
    if (reselect)
      await this.events.publish(em, {
        name: 'sla.policies_changed',
        payload: { departmentId, change: 'plugin_synced' },
      });
    else if (moved.length) await this.events.publish(em, moved);
    if (plan.shadowed.length)
      this.log.warn(
        `department ${departmentId}: plugin ${pluginId} declares SLA policies ${plan.shadowed.join(', ')} whose keys an admin's policy holds; the admin's apply`,
      );
    return true;
  }

  private plan(plugin: LoadedPlugin | null, current: readonly SlaPolicy[]) {
    return planPluginItems(
      plugin?.manifest.id ?? null,
      plugin?.manifest.contributes.slaPolicies ?? [],
      current,
      (p) => p.key,
      fromPluginPolicy,
    );
  }
}
