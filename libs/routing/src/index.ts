export { RoutingModule } from './routing.module';
export { RoutingDecisionsPrune } from './evaluation/routing-decisions-prune.tick';
export { DepartmentPlugins } from './rules/department-plugins.service';
export { UnprocessableZodPipe } from './api/unprocessable-zod.pipe';
import { RoutingDecision } from './entities/routing-decision.entity';
import { RoutingRule } from './entities/routing-rule.entity';

/** Routing's tables, for MikroORM discovery (the library writes them in SQL). */
export const ROUTING_ENTITIES = [RoutingRule, RoutingDecision];
