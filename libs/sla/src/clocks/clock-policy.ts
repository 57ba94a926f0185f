import type { SlaClockKind } from '@switchboard/engine';
import type { SlaTarget, SlaTargetsView } from '@switchboard/contracts';
import type { SlaEscalationPolicy } from '../escalations/sla-escalation-firing';
import { ClockTarget, minutes } from './clock-math';

/** The part of an SLA policy the clocks run on. */
export interface ClockPolicy extends SlaEscalationPolicy {
  id: string;
  businessHours: boolean;
  targets: SlaTargetsView;
}

/** The policy's target for a kind of clock, in milliseconds; null when it sets none. */
export function targetOf(policy: ClockPolicy, kind: SlaClockKind): ClockTarget | null {
  const t: SlaTarget | null =
    kind === 'first_response'
      ? policy.targets.firstResponse
      : kind === 'next_response'
        ? policy.targets.nextResponse
        : kind === 'resolution'
          ? policy.targets.resolution
          : (policy.targets.stages[kind.slice('stage:'.length)] ?? null);
  return t ? { targetMs: minutes(t.breachMinutes), warnMs: minutes(t.warningMinutes) } : null;
}
