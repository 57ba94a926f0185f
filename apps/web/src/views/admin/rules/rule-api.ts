import type { RoutingActions, RoutingConditions } from '@switchboard/contracts';
import { http } from '../../../api/http';
import type { components } from '../../../api/schema';
import { submitted } from '../forms/refusal';
import type { CreateRuleBody } from './rule-draft';

type RuleDto = components['schemas']['RoutingRuleDto'];
/** A rule as listed; its conditions and actions in the contract's shape (the document types them loosely). */
export type Rule = Omit<RuleDto, 'conditions' | 'actions'> & {
  conditions: RoutingConditions;
  actions: RoutingActions;
};

/** A listed rule in the contract's shape: the api returns conditions and actions as it validated them. */
export const typed = (rule: RuleDto): Rule => rule as Rule;

export const createRule = async (departmentId: string, body: CreateRuleBody): Promise<Rule> =>
  typed(
    await submitted(() =>
      http.POST('/api/departments/{id}/routing-rules', { params: { path: { id: departmentId } }, body }),
    ),
  );

export const updateRule = async (id: string, body: CreateRuleBody): Promise<Rule> =>
  typed(await submitted(() => http.PUT('/api/routing-rules/{id}', { params: { path: { id } }, body })));
