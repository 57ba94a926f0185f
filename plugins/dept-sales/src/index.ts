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

/** Sales: leads from WhatsApp to won or lost deals. See docs/plugins.md for installation. */
export default definePlugin({
  manifest: {
    id: 'dept-sales',
    name: 'Sales',
    version: '1.0.0',
    kind: 'department',
    core: '^0.1.0',
    description:
      'Sales department: a lead-to-deal pipeline, routing of buyers, demos and partners, response targets for leads, and greeting, out-of-hours, closing and CSAT messages in English, Portuguese and Spanish.',
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
