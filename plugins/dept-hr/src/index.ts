import {
  definePlugin,
  departmentSettingsSchema,
  greetNewCards,
  outOfHoursNotice,
  sendClosing,
} from '@switchboard/plugin-sdk';
import { z } from 'zod';
import { cardActions } from './card-actions';
import { triageIntents } from './intents';
import { pipeline } from './pipeline';
import { routingRules } from './routing-rules';
import { slaPolicies } from './sla-policies';
import { templates } from './templates';

/** HR: employees' requests (vacation, payslips, documents, onboarding). See docs/plugins.md for installation. */
export default definePlugin({
  manifest: {
    id: 'dept-hr',
    name: 'HR',
    version: '1.0.0',
    kind: 'department',
    core: '^0.1.0',
    description:
      'HR department: a request and approval pipeline visible to HR members only, routing by request type, a response target, and greeting, out-of-hours and closing messages in English, Portuguese and Spanish.',
    hooks: [
      { name: 'card.created', priority: 100, timeoutMs: 5000 },
      { name: 'message.received', priority: 100, timeoutMs: 5000 },
    ],
    contributes: {
      pipelines: [pipeline],
      templates,
      routingRules,
      slaPolicies,
      triageIntents,
      cardActions,
      // Employees' personal data: not even admins see these cards without an HR membership.
      visibility: 'members',
    },
  },
  // Internal requests: employees get the closing message without a satisfaction survey unless HR turns it on.
  settings: departmentSettingsSchema.extend({
    csatOnClose: z
      .boolean()
      .default(false)
      .meta({
        label: {
          en: 'Send the satisfaction survey on closing',
          'pt-BR': 'Enviar a pesquisa de satisfação ao encerrar',
          es: 'Enviar la encuesta de satisfacción al cerrar',
        },
      }),
  }),
  hooks: { 'card.created': greetNewCards(), 'message.received': outOfHoursNotice() },
  automations: { send_closing: sendClosing() },
});
