import { EntityManager } from '@mikro-orm/postgresql';
import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type {
  CreateRoutingRuleRequest,
  RoutingRuleView,
  RoutingTestView,
  TestRoutingRulesRequest,
  UpdateRoutingRuleRequest,
} from '@switchboard/contracts';
import { Clock } from '@switchboard/engine';
import { AccessScope } from '@switchboard/identity';
import { departmentExists } from '@switchboard/pipelines';
import { FactsBuilder } from '../evaluation/facts-builder.service';
import { RuleBook } from '../evaluation/rule-book.service';
import { RoutingRule, toRuleView } from '../rules/routing-rule';
import { RoutingRuleRepository } from '../rules/routing-rule.repository';
import { RuleReferences } from './rule-references.service';

/** What admins and supervisors do with a department's routing rules; plugin rules can be disabled and reordered only. */
@Injectable()
export class RoutingRulesService {
  constructor(
    private readonly em: EntityManager,
    private readonly repository: RoutingRuleRepository,
    private readonly book: RuleBook,
    private readonly references: RuleReferences,
    private readonly facts: FactsBuilder,
    private readonly scope: AccessScope,
    private readonly clock: Clock,
  ) {}

  async list(departmentId: string): Promise<RoutingRuleView[]> {
    await this.department(departmentId, 'conversations.read');
    return this.em.fork().transactional(async (tx) => {
      const book = await this.book.load(tx, [departmentId]);
      return book.get(departmentId)!.rules.map(toRuleView);
    });
  }

  async create(departmentId: string, body: CreateRoutingRuleRequest): Promise<RoutingRuleView> {
    await this.department(departmentId, 'routing.manage');
    await this.references.check(departmentId, body);
    return this.em.fork().transactional(async (tx) => {
      await this.repository.lockDepartment(tx, departmentId);
      const id = await this.repository.insert(tx, {
        departmentId,
        numberId: body.numberId ?? null,
        name: body.name,
        enabled: body.enabled ?? true,
        source: 'admin',
        pluginId: null,
        pluginRuleKey: null,
        trigger: body.trigger ?? 'conversation_opened',
        conditions: body.conditions ?? {},
        actions: body.actions,
        stop: body.stop ?? false,
        updatedBy: this.by(),
      });
      return toRuleView((await this.repository.byId(tx, id))!);
    });
  }

  async update(id: string, body: UpdateRoutingRuleRequest): Promise<RoutingRuleView> {
    const current = await this.rule(id, 'routing.manage');
    if (current.source === 'plugin') {
      const edits = Object.keys(body).filter((k) => k !== 'enabled');
      if (edits.length)
        throw new UnprocessableEntityException(
          `${edits.join(', ')}: rule "${current.name}" comes from the plugin ${current.pluginId}; only "enabled" and its position can change`,
        );
    }
    const next: RoutingRule = {
      ...current,
      numberId: body.numberId === undefined ? current.numberId : body.numberId,
      name: body.name ?? current.name,
      enabled: body.enabled ?? current.enabled,
      trigger: body.trigger ?? current.trigger,
      conditions: body.conditions ?? current.conditions,
      actions: body.actions ?? current.actions,
      stop: body.stop ?? current.stop,
      updatedBy: this.by(),
    };
    if (current.source === 'admin') await this.references.check(current.departmentId, next);
    return this.em.fork().transactional(async (tx) => {
      await this.repository.update(tx, next);
      return toRuleView((await this.repository.byId(tx, id))!);
    });
  }

  async remove(id: string): Promise<void> {
    const current = await this.rule(id, 'routing.manage');
    if (current.source === 'plugin')
      throw new ConflictException(
        `rule "${current.name}" comes from the plugin ${current.pluginId}: disable it instead (PUT with enabled: false)`,
      );
    await this.em.fork().transactional((tx) => this.repository.delete(tx, id));
  }

  /** The rules in `ids` run first, in that order; the department's other rules follow in their current order. */
  async order(departmentId: string, ids: string[]): Promise<RoutingRuleView[]> {
    await this.department(departmentId, 'routing.manage');
    return this.em.fork().transactional(async (tx) => {
      await this.repository.lockDepartment(tx, departmentId);
      const rules = (await this.book.load(tx, [departmentId])).get(departmentId)!.rules;
      const known = new Set(rules.map((r) => r.id));
      const unknown = ids.filter((i) => !known.has(i));
      const repeated = ids.filter((i, n) => ids.indexOf(i) !== n);
      if (unknown.length || repeated.length)
        throw new UnprocessableEntityException(
          [
            unknown.length ? `ids: not rules of this department: ${unknown.join(', ')}` : '',
            repeated.length ? `ids: given more than once: ${[...new Set(repeated)].join(', ')}` : '',
          ]
            .filter(Boolean)
            .join('; '),
        );
      const order = [...ids, ...rules.map((r) => r.id).filter((id) => !ids.includes(id))];
      await this.repository.reorder(tx, departmentId, order, this.by());
      return (await this.repository.ofDepartments(tx, [departmentId])).get(departmentId)!.map(toRuleView);
    });
  }

  /** A dry run: which rules an opening message would match and what they would do; nothing changes. */
  async test(departmentId: string, body: TestRoutingRulesRequest): Promise<RoutingTestView> {
    await this.department(departmentId, 'routing.manage');
    return this.em.fork().transactional(async (tx) => {
      const { rules, plugin } = (await this.book.load(tx, [departmentId])).get(departmentId)!;
      const at = body.at ? new Date(body.at) : this.clock.now();
      const numberId = body.numberId ?? '';
      const hours = numberId
        ? await this.facts.withinBusinessHours([{ id: numberId, departmentId }], at)
        : new Map<string, boolean>();
      const facts = this.facts.facts({
        numberId,
        text: body.text,
        waIdOrPhone: body.phone ?? null,
        card: null,
        plugin,
        withinBusinessHours: hours.get(numberId) ?? (await this.departmentHours(departmentId, at)),
      });
      const matched = this.book.matching(rules, 'conversation_opened', facts);
      return {
        language: facts.language,
        intent: facts.intent,
        withinBusinessHours: facts.withinBusinessHours,
        matched: matched.map((r) => ({
          ruleId: r.id,
          name: r.name,
          source: r.source,
          actions: r.actions,
          stop: r.stop,
        })),
      };
    });
  }

  /** Without a number: the department's hours as its first number sees them (or the default). */
  private async departmentHours(departmentId: string, at: Date): Promise<boolean> {
    const hours = await this.facts.withinBusinessHours([{ id: departmentId, departmentId }], at);
    return hours.get(departmentId) ?? false;
  }

  private async department(id: string, permission: 'routing.manage' | 'conversations.read'): Promise<void> {
    const exists = await departmentExists(this.em.fork(), id);
    this.scope.assertIn(permission, exists ? id : null, 'department');
  }

  private async rule(id: string, permission: 'routing.manage'): Promise<RoutingRule> {
    const rule = await this.repository.byId(this.em.fork(), id);
    this.scope.assertIn(permission, rule?.departmentId ?? null, 'routing rule');
    if (!rule) throw new NotFoundException('routing rule not found');
    return rule;
  }

  private by(): string {
    const actor = this.scope.actor();
    return `${actor.type}:${actor.id}`;
  }
}
