import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DepartmentPlugins } from '@switchboard/routing';
import { PluginPolicySync } from './plugin-policy-sync.service';
import { policyMatches, SlaPolicy, SlaPolicyQuery } from './sla-policy';
import { SlaPolicyRepository } from './sla-policy.repository';

/**
 * How long selection trusts its last look at a department's plugin: within it, select() is one query. The API's
 * reads and writes always look, so a plugin activated in the meantime shows at once there and in selection at most
 * this long after.
 */
export const PLUGIN_CHECK_MS = 10_000;

/** A department's SLA policies, with its plugin's declared ones synced first, and the one that applies. */
@Injectable()
export class SlaPolicyBook {
  /** When each department's plugin policies were last synced by this process (monotonic ms). */
  private readonly checked = new Map<string, number>();

  constructor(
    private readonly repository: SlaPolicyRepository,
    private readonly plugins: DepartmentPlugins,
    private readonly sync: PluginPolicySync,
  ) {}

  /** Every policy of the department in order (enabled or not), its plugin's synced first. */
  async load(em: EntityManager, departmentId: string): Promise<SlaPolicy[]> {
    await this.synced(em, departmentId);
    return this.repository.ofDepartment(em, departmentId);
  }

  /**
   * The policy that applies: the department's enabled policies in position order, the first whose match accepts the
   * conversation (an empty list accepts any value); null when none does.
   */
  async select(em: EntityManager, q: SlaPolicyQuery): Promise<SlaPolicy | null> {
    const last = this.checked.get(q.departmentId);
    if (last === undefined || performance.now() - last > PLUGIN_CHECK_MS)
      await this.synced(em, q.departmentId);
    const policies = await this.repository.enabledOf(em, q.departmentId);
    return policies.find((p) => policyMatches(p.match, q)) ?? null;
  }

  /** One policy by id (enabled or not); null when it is gone. */
  get(em: EntityManager, id: string): Promise<SlaPolicy | null> {
    return this.repository.byId(em, id);
  }

  private async synced(em: EntityManager, departmentId: string): Promise<void> {
    const plugin = (await this.plugins.of(em, [departmentId])).get(departmentId) ?? null;
    const current = await this.repository.ofDepartment(em, departmentId);
    await this.sync.sync(em, departmentId, plugin, current);
    this.checked.set(departmentId, performance.now());
  }
}
