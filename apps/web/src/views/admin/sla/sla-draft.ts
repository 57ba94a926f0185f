import type { SlaEscalation, SlaPolicyView, SlaTarget } from '@switchboard/contracts';
import type { paths } from '../../../api/schema';

// An SLA policy as the editor holds it (minutes as typed, lists as checkboxes or comma-separated text), and back.
// Stage targets are kept as the policy had them: the editor does not change them.

export type CreatePolicyBody =
  paths['/api/departments/{id}/sla-policies']['post']['requestBody']['content']['application/json'];
export type UpdatePolicyBody =
  paths['/api/sla-policies/{id}']['put']['requestBody']['content']['application/json'];
export type Priority = SlaPolicyView['match']['priorities'][number];
export const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];
export const TARGET_KINDS = ['firstResponse', 'nextResponse', 'resolution'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** Number inputs: Vue hands back a number once something is typed, a string while empty. */
type Minutes = string | number;

export interface EscalationDraft {
  on: SlaEscalation['on'];
  clock: SlaEscalation['clock'];
  action: SlaEscalation['action'];
  userId: string;
}

export interface PolicyDraft {
  key: string;
  name: string;
  businessHours: boolean;
  targets: Record<TargetKind, { warning: Minutes; breach: Minutes }>;
  priorities: Priority[];
  numberIds: string[];
  requestTypes: string;
  escalations: EscalationDraft[];
  keptStages: Record<string, SlaTarget>;
}

const blankTargets = (): PolicyDraft['targets'] => ({
  firstResponse: { warning: '', breach: '' },
  nextResponse: { warning: '', breach: '' },
  resolution: { warning: '', breach: '' },
});

export const emptyPolicy = (): PolicyDraft => ({
  key: '',
  name: '',
  businessHours: true,
  targets: blankTargets(),
  priorities: [],
  numberIds: [],
  requestTypes: '',
  escalations: [],
  keptStages: {},
});

export function draftOfPolicy(p: SlaPolicyView): PolicyDraft {
  const targets = blankTargets();
  for (const kind of TARGET_KINDS) {
    const target = p.targets[kind];
    if (target) targets[kind] = { warning: target.warningMinutes, breach: target.breachMinutes };
  }
  return {
    key: p.key,
    name: p.name,
    businessHours: p.businessHours,
    targets,
    priorities: [...p.match.priorities],
    numberIds: [...p.match.numberIds],
    requestTypes: p.match.requestTypes.join(', '),
    escalations: p.escalations.map((e) => ({ ...e, userId: e.userId ?? '' })),
    keptStages: { ...p.targets.stages },
  };
}

/**
 * The targets from the minute fields: both empty, none; one of the two empty, the kind is returned as incomplete
 * (refused here: an empty warning must not become 0, which the api would take as yellow from the start).
 */
function targetsOf(d: PolicyDraft): { targets: CreatePolicyBody['targets']; incomplete: TargetKind[] } {
  const targets: CreatePolicyBody['targets'] = {};
  const incomplete: TargetKind[] = [];
  for (const kind of TARGET_KINDS) {
    const [w, b] = [String(d.targets[kind].warning).trim(), String(d.targets[kind].breach).trim()];
    if (!w && !b) continue;
    if (!w || !b) incomplete.push(kind);
    else targets[kind] = { warningMinutes: Number(w), breachMinutes: Number(b) };
  }
  if (Object.keys(d.keptStages).length) targets.stages = d.keptStages;
  return { targets, incomplete };
}

/** What the api takes for a new policy (or, without the key, for an edit); `incomplete` names half-filled targets. */
export function policyBody(d: PolicyDraft): { body: CreatePolicyBody; incomplete: TargetKind[] } {
  const { targets, incomplete } = targetsOf(d);
  const requestTypes = d.requestTypes
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    incomplete,
    body: {
      key: d.key.trim(),
      name: d.name.trim(),
      businessHours: d.businessHours,
      targets,
      match: { priorities: d.priorities, numberIds: d.numberIds, requestTypes },
      escalations: d.escalations.map((e) => ({
        on: e.on,
        clock: e.clock,
        action: e.action,
        ...(e.action === 'assign_user' && e.userId ? { userId: e.userId } : {}),
      })),
    },
  };
}

/** The editor field an api problem belongs to (`targets.firstResponse.warningMinutes`, `escalations.0.userId`). */
export function fieldOfPolicyPath(path: string): string | undefined {
  const parts = path.split('.');
  if (parts[0] === 'key' || parts[0] === 'name') return parts[0];
  if (parts[0] === 'targets' && (TARGET_KINDS as readonly string[]).includes(parts[1]))
    return `targets.${parts[1]}.${parts[2] === 'breachMinutes' ? 'breach' : 'warning'}`;
  if (parts[0] === 'match' && parts[1]) return `match.${parts[1]}`;
  if (parts[0] === 'escalations' && parts[1] !== undefined)
    return `escalations.${parts[1]}.${parts[2] === 'userId' ? 'userId' : 'action'}`;
  return undefined;
}
