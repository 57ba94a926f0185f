import type { SlaPolicyInput } from '@switchboard/plugin-sdk';

/**
 * One target for all requests, in business-hour minutes (a business day is 540 with the default hours): HR
 * requests have no priority field, and none is urgent in the support sense.
 */
export const slaPolicies: SlaPolicyInput[] = [
  {
    key: 'standard',
    name: 'Standard request',
    firstResponseMinutes: 240,
    nextResponseMinutes: 480,
    resolutionMinutes: 2700,
    businessHours: true,
  },
];
