import {
  definePlugin,
  departmentSettingsSchema,
  greetNewCards,
  outOfHoursNotice,
  sendClosing,
} from '@switchboard/plugin-sdk';
import { cardActions } from './card-actions';
import { triageIntents } from './intents';
import { pipeline } from './pipeline';
import { routingRules } from './routing-rules';
import { slaPolicies } from './sla-policies';
import { templates } from './templates';

/** Support: customer requests from first message to closed ticket. See docs/plugins.md for installation. */
export default definePlugin({
  manifest: {
    id: 'dept-support',
    name: 'Support',
    version: '1.0.0',
    kind: 'department',
    core: '^0.1.0',
    description:
      'Customer support department: a ticket pipeline, routing by category and urgency, response and resolution targets per priority, and greeting, out-of-hours, closing and CSAT messages in English, Portuguese and Spanish.',
    hooks: [
      { name: 'card.created', priority: 100, timeoutMs: 5000 },
      { name: 'message.received', priority: 100, timeoutMs: 5000 },
    ],
    contributes: { pipelines: [pipeline], templates, routingRules, slaPolicies, triageIntents, cardActions },
  },
  settings: departmentSettingsSchema,
  hooks: { 'card.created': greetNewCards(), 'message.received': outOfHoursNotice() },
  automations: { send_closing: sendClosing() },
});
