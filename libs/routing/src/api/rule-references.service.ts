import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DepartmentNumbers, MessageTemplate } from '@switchboard/channels';
import type { RoutingActions, RoutingConditions } from '@switchboard/contracts';
import { Team, User } from '@switchboard/identity';
import { Department, Pipeline, PipelineField, PipelineStage } from '@switchboard/pipelines';
import { compiledPattern } from '../matching/compiled-patterns';

/**
 * Checks what a rule names exists where it will run: its pattern compiles, its numbers are the department's, the
 * department, team, template, user, card field and stage it refers to exist. 422 names the rule field and the
 * value; nothing is stored.
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
    const pipeline = await em.findOne(Pipeline, { department: departmentId, isDefault: true });
    if (c.card && !(pipeline && (await em.count(PipelineField, { pipeline, key: c.card.field }))))
      problems.push(`conditions.card.field: "${c.card.field}" is not a field of the department's pipeline`);
    if (a.stage && !(pipeline && (await em.count(PipelineStage, { pipeline, key: a.stage }))))
      problems.push(`actions.stage: "${a.stage}" is not a stage of the department's pipeline`);
    for (const key of Object.keys(a.setFields ?? {}))
      if (!(pipeline && (await em.count(PipelineField, { pipeline, key }))))
        problems.push(`actions.setFields.${key}: not a field of the department's pipeline`);
    if (a.transfer) {
      if (a.transfer.departmentId === departmentId)
        problems.push('actions.transfer.departmentId: the rule is already in this department');
      else if (!(await em.count(Department, { id: a.transfer.departmentId })))
        problems.push(`actions.transfer.departmentId: no department ${a.transfer.departmentId}`);
    }
    if (a.team && !(await em.count(Team, { id: a.team.teamId, departmentId })))
      problems.push(`actions.team.teamId: no team ${a.team.teamId} in this department`);
    if (a.assign && !(await em.count(User, { id: a.assign.userId })))
      problems.push(`actions.assign.userId: no user ${a.assign.userId}`);
    if (a.autoReply?.template) {
      const t = a.autoReply.template;
      if (!(await em.count(MessageTemplate, { name: t.name, language: t.language })))
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
