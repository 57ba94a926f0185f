export { SlaModule } from './sla.module';
export { SlaEscalations } from './escalations/sla-escalations.service';
export type {
  SlaEscalationAction,
  SlaEscalationFiring,
  SlaEscalationPolicy,
  SlaEscalationRule,
} from './escalations/sla-escalation-firing';
export { SlaPoliciesModule } from './policies/sla-policies.module';
export { SlaPolicyBook } from './policies/sla-policy-book.service';
export type { SlaPolicy, SlaPolicyQuery } from './policies/sla-policy';
import { SlaPolicyRow } from './policies/sla-policy.entity';

/** The SLA library's tables, for MikroORM discovery (the library writes them in SQL). */
export const SLA_ENTITIES = [SlaPolicyRow];
