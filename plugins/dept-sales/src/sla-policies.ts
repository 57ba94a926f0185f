import type { SlaPolicyInput } from '@switchboard/plugin-sdk';

/**
 * Targets in minutes of business hours: leads go cold fast, so first replies are quick, but a sale has no
 * resolution target (deals take as long as the customer needs).
 */
export const slaPolicies: SlaPolicyInput[] = [
  {
    key: 'hot_lead',
    name: 'Hot lead (high priority)',
    priority: 'high',
    firstResponseMinutes: 10,
    nextResponseMinutes: 30,
    businessHours: true,
  },
  {
    key: 'standard',
    name: 'Standard lead',
    firstResponseMinutes: 30,
    nextResponseMinutes: 120,
    businessHours: true,
  },
];
