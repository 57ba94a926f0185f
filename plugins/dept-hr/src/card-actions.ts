import type { CardActionInput } from '@switchboard/plugin-sdk';

/** Buttons on an HR card; each runs one of the plugin's automations. */
export const cardActions: CardActionInput[] = [
  { key: 'send_closing', label: 'Send closing message', automation: 'send_closing' },
];
