import { computed, type ComputedRef } from 'vue';
import { adminApi } from '../admin-api';
import { listPipelines } from '../pipelines/pipelines-api';
import { useLoad } from '../use-load';

export interface Option {
  value: string;
  label: string;
}

export interface RuleOptions {
  numbers: ComputedRef<Option[]>;
  departments: ComputedRef<Option[]>;
  teams: ComputedRef<Option[]>;
  assignees: ComputedRef<Option[]>;
  stages: ComputedRef<Option[]>;
  error: ComputedRef<string | null>;
}

/** What a department's rule may refer to: its numbers, teams, agents and stages, and the other departments. */
export function useRuleOptions(departmentId: string): RuleOptions {
  const numbers = useLoad(() => adminApi.numbers());
  const departments = useLoad(() => adminApi.departments());
  const teams = useLoad(() => adminApi.teams());
  const users = useLoad(() => adminApi.users());
  const pipelines = useLoad(() => listPipelines(departmentId));
  return {
    numbers: computed(() =>
      (numbers.data.value ?? [])
        .filter((n) => n.departmentId === departmentId)
        .map((n) => ({ value: n.id, label: n.displayPhoneNumber })),
    ),
    departments: computed(() =>
      (departments.data.value ?? [])
        .filter((d) => d.id !== departmentId && !d.archivedAt)
        .map((d) => ({ value: d.id, label: d.name })),
    ),
    teams: computed(() =>
      (teams.data.value ?? [])
        .filter((t) => t.departmentId === departmentId)
        .map((t) => ({ value: t.id, label: t.name })),
    ),
    // Only agents and supervisors of the department can hold its conversations (the api refuses others).
    assignees: computed(() =>
      (users.data.value ?? [])
        .filter((u) =>
          u.memberships.some(
            (m) => m.departmentId === departmentId && (m.role === 'agent' || m.role === 'supervisor'),
          ),
        )
        .map((u) => ({ value: u.id, label: `${u.name} <${u.email}>` })),
    ),
    // A rule moves cards within the department's default pipeline (where new conversations land).
    stages: computed(() =>
      (pipelines.data.value ?? [])
        .filter((p) => p.isDefault)
        .flatMap((p) => p.stages)
        .filter((s) => !s.archived)
        .map((s) => ({ value: s.key, label: `${s.name} (${s.key})` })),
    ),
    error: computed(
      () =>
        numbers.error.value ??
        departments.error.value ??
        teams.error.value ??
        users.error.value ??
        pipelines.error.value,
    ),
  };
}
