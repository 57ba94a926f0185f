import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DepartmentNumbers } from '@switchboard/channels';
import type { SlaEscalation, SlaMatchView, SlaTargetsView } from '@switchboard/contracts';
import { departmentRoleOf } from '@switchboard/identity';
import { defaultPipelineKeys } from '@switchboard/pipelines';

export interface PolicyProblem {
  field: string;
  problem: string;
}

/**
 * Checks that what a policy names exists where it applies: its numbers are the department's, its stage targets are
 * stages of the department's pipeline, and the user an escalation assigns to holds an agent or supervisor role in
 * the department. 422 names the field and the value (the shape of the request validation's 422); nothing is stored.
 */
@Injectable()
export class PolicyReferences {
  constructor(
    private readonly em: EntityManager,
    private readonly numbers: DepartmentNumbers,
  ) {}

  async check(
    departmentId: string,
    policy: { match: SlaMatchView; targets: SlaTargetsView; escalations: SlaEscalation[] },
    extra: PolicyProblem[] = [],
    // A caller inside a transaction passes it: a second pooled connection per locked request could exhaust the pool.
    em: EntityManager = this.em.fork(),
  ): Promise<void> {
    const problems = [...extra];
    if (policy.match.numberIds.length) {
      const numberIds = new Set((await this.numbers.of([departmentId], em)).map((n) => n.id));
      for (const [i, id] of policy.match.numberIds.entries())
        if (!numberIds.has(id))
          problems.push({
            field: `match.numberIds.${i}`,
            problem: `${id} is not a WhatsApp number of this department`,
          });
    }
    const stageKeys = Object.keys(policy.targets.stages);
    if (stageKeys.length) {
      const stages = (await defaultPipelineKeys(em, departmentId))?.stages ?? new Set<string>();
      for (const key of stageKeys)
        if (!stages.has(key))
          problems.push({
            field: `targets.stages.${key}`,
            problem: `"${key}" is not a stage of the department's pipeline`,
          });
    }
    for (const [i, e] of policy.escalations.entries()) {
      if (e.action !== 'assign_user' || !e.userId) continue;
      // The escalation hands them the conversation: they must be able to hold it here.
      const { exists, role } = await departmentRoleOf(em, departmentId, e.userId);
      if (!exists) problems.push({ field: `escalations.${i}.userId`, problem: `no user ${e.userId}` });
      else if (role !== 'agent' && role !== 'supervisor')
        problems.push({
          field: `escalations.${i}.userId`,
          problem: `user ${e.userId} holds no agent/supervisor role in this department`,
        });
    }
    if (problems.length)
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: problems.map((p) => `${p.field}: ${p.problem}`).join('; '),
        problems,
      });
  }
}
