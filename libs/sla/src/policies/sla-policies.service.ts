import { EntityManager } from '@mikro-orm/postgresql';
import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { CreateSlaPolicyRequest, SlaPolicyView, UpdateSlaPolicyRequest } from '@switchboard/contracts';
import { DomainEvents } from '@switchboard/engine';
import { AccessScope, AuditLog } from '@switchboard/identity';
import { departmentExists } from '@switchboard/pipelines';
import { PolicyReferences, PolicyProblem } from './policy-references.service';
import { matchView, policyEditEvent, SlaPolicy, targetsView, toPolicyView } from './sla-policy';
import { SlaPolicyBook } from './sla-policy-book.service';
import { SlaPolicyRepository } from './sla-policy.repository';

/** Who may see and change a department's SLA policies: those who may change its routing. */
const MANAGE = 'routing.manage';

/**
 * What admins and supervisors do with a department's SLA policies; a plugin's policies can be disabled and reordered
 * only. Every change is audited in the transaction that makes it.
 */
@Injectable()
export class SlaPoliciesService {
  constructor(
    private readonly em: EntityManager,
    private readonly repository: SlaPolicyRepository,
    private readonly book: SlaPolicyBook,
    private readonly references: PolicyReferences,
    private readonly scope: AccessScope,
    private readonly audit: AuditLog,
    private readonly events: DomainEvents,
  ) {}

  async list(departmentId: string): Promise<SlaPolicyView[]> {
    await this.department(departmentId);
    return this.em
      .fork()
      .transactional(async (tx) => (await this.book.load(tx, departmentId)).map(toPolicyView));
  }

  async get(id: string): Promise<SlaPolicyView> {
    return toPolicyView(await this.policy(id));
  }

  async create(departmentId: string, body: CreateSlaPolicyRequest): Promise<SlaPolicyView> {
    await this.department(departmentId);
    const policy = {
      departmentId,
      key: body.key,
      name: body.name,
      source: 'admin' as const,
      pluginId: null,
      enabled: body.enabled ?? true,
      match: matchView(body.match),
      targets: targetsView(body.targets),
      businessHours: body.businessHours ?? false,
      escalations: body.escalations ?? [],
      updatedBy: this.by(),
    };
    const taken = await this.repository.keyTaken(this.em.fork(), departmentId, body.key);
    const extra: PolicyProblem[] = taken
      ? [{ field: 'key', problem: `"${body.key}" is already a policy of this department` }]
      : [];
    await this.references.check(departmentId, policy, extra);
    return this.em
      .fork()
      .transactional(async (tx) => {
        await this.repository.lockDepartment(tx, departmentId);
        const id = await this.repository.insert(tx, policy);
        const created = (await this.repository.byId(tx, id))!;
        await this.record(tx, 'sla_policy.created', created, { key: created.key, name: created.name });
        if (created.enabled) await this.policiesChanged(tx, departmentId, 'created');
        return toPolicyView(created);
      })
      .catch((e: unknown) => {
        // The same key taken between the check and the insert (two requests at once, or a plugin sync).
        if ((e as { code?: unknown }).code === '23505')
          throw new UnprocessableEntityException(`key: "${body.key}" is already a policy of this department`);
        throw e;
      });
  }

  /**
   * Applied to the policy as it is once the department is locked (as a plugin sync and the other writes lock it), so
   * a concurrent sync or PUT is never undone by a stale read; 404 when it was deleted meanwhile.
   */
  async update(id: string, body: UpdateSlaPolicyRequest): Promise<SlaPolicyView> {
    const seen = await this.policy(id);
    this.assertEditable(seen, body);
    return this.em.fork().transactional(async (tx) => {
      await this.repository.lockDepartment(tx, seen.departmentId);
      const current = await this.repository.byId(tx, id);
      if (!current) throw new NotFoundException('SLA policy not found');
      this.assertEditable(current, body);
      const next: SlaPolicy = {
        ...current,
        name: body.name ?? current.name,
        enabled: body.enabled ?? current.enabled,
        match: body.match ? matchView(body.match) : current.match,
        targets: body.targets ? targetsView(body.targets) : current.targets,
        businessHours: body.businessHours ?? current.businessHours,
        escalations: body.escalations ?? current.escalations,
        updatedBy: this.by(),
      };
      if (current.source === 'admin') await this.references.check(current.departmentId, next, [], tx);
      await this.repository.update(tx, next);
      const updated = (await this.repository.byId(tx, id))!;
      await this.record(tx, 'sla_policy.updated', updated, { changed: Object.keys(body) });
      // Committed with the edit: the clocks already running follow it (libs/sla/src/recompute).
      const moved = policyEditEvent(current, next);
      if (moved) await this.events.publish(tx, moved);
      return toPolicyView(updated);
    });
  }

  /** A plugin's policy: only `enabled` (and its position, through order) can change. */
  private assertEditable(policy: SlaPolicy, body: UpdateSlaPolicyRequest): void {
    if (policy.source !== 'plugin') return;
    const edits = Object.keys(body).filter((k) => k !== 'enabled');
    if (edits.length)
      throw new UnprocessableEntityException(
        `${edits.join(', ')}: policy "${policy.name}" comes from the plugin ${policy.pluginId}; only "enabled" and its position can change`,
      );
  }

  async remove(id: string): Promise<void> {
    const current = await this.policy(id);
    if (current.source === 'plugin')
      throw new ConflictException(
        `policy "${current.name}" comes from the plugin ${current.pluginId}: disable it instead (PUT with enabled: false)`,
      );
    await this.em.fork().transactional(async (tx) => {
      await this.repository.delete(tx, [id]);
      await this.record(tx, 'sla_policy.deleted', current, { key: current.key, name: current.name });
      if (current.enabled) await this.policiesChanged(tx, current.departmentId, 'deleted');
    });
  }

  /** The policies in `ids` are tried first, in that order; the department's others follow in their current order. */
  async order(departmentId: string, ids: string[]): Promise<SlaPolicyView[]> {
    await this.department(departmentId);
    return this.em.fork().transactional(async (tx) => {
      const policies = await this.book.load(tx, departmentId);
      await this.repository.lockDepartment(tx, departmentId);
      const known = new Set(policies.map((p) => p.id));
      const unknown = ids.filter((i) => !known.has(i));
      const repeated = [...new Set(ids.filter((i, n) => ids.indexOf(i) !== n))];
      const problems = [
        ...(unknown.length ? [`ids: not policies of this department: ${unknown.join(', ')}`] : []),
        ...(repeated.length ? [`ids: given more than once: ${repeated.join(', ')}`] : []),
      ];
      if (problems.length) throw new UnprocessableEntityException(problems.join('; '));
      const given = new Set(ids);
      const order = [...ids, ...policies.map((p) => p.id).filter((id) => !given.has(id))];
      await this.repository.reorder(tx, departmentId, order, this.by());
      await this.audit.record(
        {
          action: 'sla_policies.reordered',
          targetType: 'department',
          targetId: departmentId,
          departmentId,
          details: { ids: order },
        },
        tx,
      );
      await this.policiesChanged(tx, departmentId, 'reordered');
      return (await this.repository.ofDepartment(tx, departmentId)).map(toPolicyView);
    });
  }

  /** Committed with the change: each open conversation of the department selects its policy again. */
  private policiesChanged(
    tx: EntityManager,
    departmentId: string,
    change: 'created' | 'deleted' | 'reordered',
  ): Promise<void> {
    return this.events.publish(tx, { name: 'sla.policies_changed', payload: { departmentId, change } });
  }

  private async record(
    tx: EntityManager,
    action: string,
    policy: SlaPolicy,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(
      { action, targetType: 'sla_policy', targetId: policy.id, departmentId: policy.departmentId, details },
      tx,
    );
  }

  private async department(id: string): Promise<void> {
    const exists = await departmentExists(this.em.fork(), id);
    this.scope.assertIn(MANAGE, exists ? id : null, 'department');
  }

  private async policy(id: string): Promise<SlaPolicy> {
    const policy = await this.repository.byId(this.em.fork(), id);
    this.scope.assertIn(MANAGE, policy?.departmentId ?? null, 'SLA policy');
    if (!policy) throw new NotFoundException('SLA policy not found');
    return policy;
  }

  private by(): string {
    const actor = this.scope.actor();
    return `${actor.type}:${actor.id}`;
  }
}
