import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DepartmentNumbers, templateExists } from '@switchboard/channels';
import type { RoutingActions, RoutingConditions } from '@switchboard/contracts';
import { departmentRoleOf, teamInDepartment } from '@switchboard/identity';
import { defaultPipelineKeys, departmentExists } from '@switchboard/pipelines';
import { compiledPattern } from '../matching/compiled-patterns';

/**
 * Checks what a rule names exists where it will run: its pattern compiles, its numbers are the department's, the
 * department, team, template, card field and stage it refers to exist, and the user it assigns to holds an agent or
 * supervisor role in the department. 422 names the rule field and the value; nothing is stored.
 */
@Injectable()
export class RuleReferences {
  constructor(
    private readonly em: EntityManager,
    private readonly numbers: DepartmentNumbers,
  ) {}

  async check(
    departmentId: string,
    rule: { numberId?: string | null; conditions?: RoutingConditions; actions?: RoutingActions },
  ): Promise<void> {
    const em = this.em.fork();
    const problems: string[] = [];
    const c = rule.conditions ?? {};
    const a = rule.actions ?? {};
    if (c.text?.pattern) {
      try {
        compiledPattern(c.text.pattern);
      } catch (e) {
        problems.push(
          `conditions.text.pattern: invalid pattern: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
    const numberIds = new Set((await this.numbers.of([departmentId], em)).map((n) => n.id));
    if (rule.numberId && !numberIds.has(rule.numberId))
      problems.push(`numberId: ${rule.numberId} is not a WhatsApp number of this department`);
    for (const [i, id] of (c.numberIds ?? []).entries())
      if (!numberIds.has(id))
        problems.push(`conditions.numberIds.${i}: ${id} is not a WhatsApp number of this department`);
    const keys = await defaultPipelineKeys(em, departmentId);
    if (c.card && !keys?.fields.has(c.card.field))
      problems.push(`conditions.card.field: "${c.card.field}" is not a field of the department's pipeline`);
    if (a.stage && !keys?.stages.has(a.stage))
      problems.push(`actions.stage: "${a.stage}" is not a stage of the department's pipeline`);
    for (const key of Object.keys(a.setFields ?? {}))
      if (!keys?.fields.has(key))
        problems.push(`actions.setFields.${key}: not a field of the department's pipeline`);
    if (a.transfer) {
      if (a.transfer.departmentId === departmentId)
        problems.push('actions.transfer.departmentId: the rule is already in this department');
      else if (!(await departmentExists(em, a.transfer.departmentId)))
        problems.push(`actions.transfer.departmentId: no department ${a.transfer.departmentId}`);
    }
    if (a.team && !(await teamInDepartment(em, departmentId, { id: a.team.teamId })))
      problems.push(`actions.team.teamId: no team ${a.team.teamId} in this department`);
    if (a.assign) {
      // The rule would assign to them: they must be able to hold conversations here (an agent or supervisor).
      const { exists, role } = await departmentRoleOf(em, departmentId, a.assign.userId);
      if (!exists) problems.push(`actions.assign.userId: no user ${a.assign.userId}`);
      else if (role !== 'agent' && role !== 'supervisor')
        problems.push(
          `actions.assign.userId: user ${a.assign.userId} holds no agent/supervisor role in this department`,
        );
    }
    if (a.autoReply?.template) {
      const t = a.autoReply.template;
      if (!(await templateExists(em, t.name, t.language)))
        problems.push(
          `actions.autoReply.template: no template "${t.name}" in ${t.language} (sync templates first)`,
        );
    }
    if (problems.length)
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: problems.join('; '),
        problems,
      });
  }
}
