import type { SlaPolicyInput } from '@switchboard/plugin-sdk';

/**
 * Targets in minutes, chosen by the card's priority. Urgent tickets run on the wall clock (someone is on call);
 * the others count business hours only, so a ticket opened on Friday night is not breached by Monday morning.
 * A business day is 9 hours (540 minutes) with the default hours.
 */
export const slaPolicies: SlaPolicyInput[] = [
  {
    key: 'urgent',
    name: 'Urgent',
    priority: 'urgent',
    firstResponseMinutes: 15,
    nextResponseMinutes: 30,
    resolutionMinutes: 240,
    businessHours: false,
  },
  {
    key: 'high',
    name: 'High',
    priority: 'high',
    firstResponseMinutes: 60,
    nextResponseMinutes: 60,
    resolutionMinutes: 540,
    businessHours: true,
  },
  {
    key: 'normal',
    name: 'Normal',
    priority: 'normal',
    firstResponseMinutes: 240,
    nextResponseMinutes: 240,
    resolutionMinutes: 1620,
    businessHours: true,
  },
  {
    key: 'low',
    name: 'Low',
    priority: 'low',
    firstResponseMinutes: 480,
    nextResponseMinutes: 480,
    resolutionMinutes: 2700,
    businessHours: true,
  },
];
