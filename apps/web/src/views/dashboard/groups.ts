import type { TimesGroup } from './dashboard-api';

// What a report's rows can be grouped by, as the reader sees it. Keys written out whole (messages.spec.ts).
export const GROUP_LABELS: Record<TimesGroup, string> = {
  agent: 'dashboard.groups.agent',
  team: 'dashboard.groups.team',
  department: 'dashboard.groups.department',
  number: 'dashboard.groups.number',
};
