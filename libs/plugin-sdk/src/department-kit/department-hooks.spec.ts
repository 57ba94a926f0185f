import { describe, expect, it } from 'vitest';
import { definePlugin } from '../define-plugin';
import type { HookName, PluginCard } from '../index';
import { fakeHookContext } from '../testing/fake-hook-context';
import { greetNewCards, outOfHoursNotice, sendClosing } from './department-hooks';
import { departmentSettingsSchema } from './department-settings';

/** A department plugin built from the kit alone, with templates in three languages. */
const plugin = definePlugin({
  manifest: {
    id: 'kit-test',
    name: 'Kit test',
    version: '1.0.0',
    kind: 'department',
    core: '^0.1.0',
    hooks: [{ name: 'card.created' }, { name: 'message.received' }],
    contributes: {
      pipelines: [{ key: 'p', name: 'P', stages: [{ key: 'open', name: 'Open', category: 'open' }] }],
      templates: [
        {
          key: 'greeting',
          purpose: 'greeting',
          text: { en: 'Hi {{name}}', 'pt-BR': 'Olá {{name}}', es: 'Hola {{name}}' },
        },
        {
          key: 'out_of_hours',
          purpose: 'out_of_hours',
          text: { en: 'Closed', 'pt-BR': 'Fechado', es: 'Cerrado' },
        },
        {
          key: 'closing',
          purpose: 'closing',
          text: { en: 'Bye {{name}}', 'pt-BR': 'Tchau {{name}}', es: 'Adiós {{name}}' },
        },
        {
          key: 'csat',
          purpose: 'csat',
          text: { en: 'Rate us 1-5', 'pt-BR': 'Nota de 1 a 5', es: 'Califique de 1 a 5' },
        },
      ],
    },
  },
  settings: departmentSettingsSchema,
  hooks: { 'card.created': greetNewCards(), 'message.received': outOfHoursNotice() },
  automations: { send_closing: sendClosing() },
});
const templates = plugin.manifest.contributes!.templates!;
const template = (key: string) => templates.find((t) => t.key === key)!;

/** A Monday 12:00 UTC (inside the default hours) and a Saturday 12:00 UTC (outside). */
const MONDAY_NOON = '2024-06-03T12:00:00.000Z';
const SATURDAY_NOON = '2024-06-08T12:00:00.000Z';
const HOUR = 3600_000;

const hook = (name: HookName) => plugin.hooks![name]!;
const automation = (name: string) => plugin.automations![name];
const card = (overrides: Partial<PluginCard> = {}): PluginCard => ({
  id: 'card-1',
  conversationId: 'conversation-1',
  departmentId: 'department-1',
  pipelineKey: 'p',
  stageKey: 'open',
  title: 'Maria Silva',
  fields: {},
  createdAt: MONDAY_NOON,
  ...overrides,
});
const message = (receivedAt: string | undefined, conversationId = 'conversation-1') => ({
  messageId: 'wamid-1',
  conversationId,
  type: 'text',
  body: 'Olá!',
  from: '5511900001234',
  receivedAt,
});

describe('department kit', () => {
  describe('card.created', () => {
    it('greets the customer by name in the configured language', async () => {
      const { ctx, sent } = fakeHookContext(plugin, { language: 'pt-BR' });
      await hook('card.created')(
        { cardId: 'card-1', conversationId: 'conversation-1', title: 'Maria Silva' },
        ctx,
      );
      expect(sent).toEqual([
        {
          conversationId: 'conversation-1',
          templateKey: 'greeting',
          values: { name: 'Maria Silva' },
          text: template('greeting').text['pt-BR'].replace('{{name}}', 'Maria Silva'),
        },
      ]);
    });

    it('does not greet when greetings are off', async () => {
      const { ctx, sent } = fakeHookContext(plugin, { greetNewConversations: false });
      await hook('card.created')({ cardId: 'card-1', conversationId: 'conversation-1', title: 'Maria' }, ctx);
      expect(sent).toEqual([]);
    });

    it('tolerates a missing conversation or title', async () => {
      const { ctx, sent } = fakeHookContext(plugin);
      await hook('card.created')({ cardId: 'card-1' }, ctx);
      expect(sent).toEqual([]);
      await hook('card.created')({ conversationId: 'conversation-1', title: 42 }, ctx);
      expect(sent.map((s) => s.values)).toEqual([{ name: '' }]);
    });
  });

  describe('message.received', () => {
    it('sends nothing inside business hours', async () => {
      const { ctx, sent, stored } = fakeHookContext(plugin);
      await hook('message.received')(message(MONDAY_NOON), ctx);
      expect(sent).toEqual([]);
      expect(stored.size).toBe(0);
    });

    it('answers out of hours once per conversation within 12 hours', async () => {
      const { ctx, sent, clock } = fakeHookContext(plugin, { language: 'es' });
      // A burst of messages runs as parallel hook jobs: the claim is atomic, so one notice.
      await Promise.all([
        hook('message.received')(message(SATURDAY_NOON), ctx),
        hook('message.received')(message(SATURDAY_NOON), ctx),
      ]);
      expect(sent.map((s) => [s.conversationId, s.templateKey, s.text])).toEqual([
        ['conversation-1', 'out_of_hours', template('out_of_hours').text.es],
      ]);

      clock.now += 11 * HOUR;
      await hook('message.received')(message('2024-06-08T23:00:00.000Z'), ctx);
      expect(sent).toHaveLength(1);

      // Another conversation has its own window.
      await hook('message.received')(message('2024-06-08T23:00:00.000Z', 'conversation-2'), ctx);
      expect(sent.map((s) => s.conversationId)).toEqual(['conversation-1', 'conversation-2']);

      // Once the 12 hours are over, the customer is told again.
      clock.now += 2 * HOUR;
      await hook('message.received')(message('2024-06-09T01:00:00.000Z'), ctx);
      expect(sent.map((s) => s.conversationId)).toEqual([
        'conversation-1',
        'conversation-2',
        'conversation-1',
      ]);
    });

    it('releases the claim when the notice fails to send, so the next message tries again', async () => {
      const { ctx, sent, faults } = fakeHookContext(plugin);
      faults.sends = 1;
      await expect(hook('message.received')(message(SATURDAY_NOON), ctx)).rejects.toThrow('send failed');
      expect(sent).toEqual([]);
      await hook('message.received')(message(SATURDAY_NOON), ctx);
      expect(sent.map((s) => s.templateKey)).toEqual(['out_of_hours']);
    });

    it('judges the hours in the configured time zone', async () => {
      // Monday 12:00 UTC is 21:00 in Tokyo: closed there.
      const { ctx, sent } = fakeHookContext(plugin, {
        businessHours: { timezone: 'Asia/Tokyo', days: [1], open: '09:00', close: '18:00' },
      });
      await hook('message.received')(message(MONDAY_NOON), ctx);
      expect(sent.map((s) => s.templateKey)).toEqual(['out_of_hours']);
    });

    it('uses the current time when receivedAt is missing or invalid, and ignores events without a conversation', async () => {
      // No open days: out of hours whatever the time.
      const closed = { timezone: 'UTC', days: [], open: '09:00', close: '18:00' };
      const { ctx, sent } = fakeHookContext(plugin, { businessHours: closed });
      await hook('message.received')(message(undefined), ctx);
      await hook('message.received')(message('yesterday', 'conversation-2'), ctx);
      await hook('message.received')({ body: 'hi' }, ctx);
      expect(sent.map((s) => s.conversationId)).toEqual(['conversation-1', 'conversation-2']);
    });
  });

  describe('send_closing', () => {
    it('sends the closing message with the name, then the CSAT survey', async () => {
      const { ctx, sent } = fakeHookContext(plugin);
      await automation('send_closing')(card(), ctx);
      expect(sent.map((s) => [s.conversationId, s.templateKey, s.values])).toEqual([
        ['conversation-1', 'closing', { name: 'Maria Silva' }],
        ['conversation-1', 'csat', undefined],
      ]);
      expect(sent[0].text).toBe(template('closing').text.en.replace('{{name}}', 'Maria Silva'));
    });

    it('skips the survey when csatOnClose is off', async () => {
      const { ctx, sent } = fakeHookContext(plugin, { csatOnClose: false });
      await automation('send_closing')(card(), ctx);
      expect(sent.map((s) => s.templateKey)).toEqual(['closing']);
    });

    it('closes each card once: a second run (the card action after the stage automation) sends nothing', async () => {
      const { ctx, sent } = fakeHookContext(plugin);
      await automation('send_closing')(card(), ctx);
      await automation('send_closing')(card(), ctx);
      expect(sent.map((s) => s.templateKey)).toEqual(['closing', 'csat']);
      // Another card is closed as usual.
      await automation('send_closing')(card({ id: 'card-2', conversationId: 'conversation-2' }), ctx);
      expect(sent.filter((s) => s.conversationId === 'conversation-2').map((s) => s.templateKey)).toEqual([
        'closing',
        'csat',
      ]);
    });
    it('a closing message that fails to send can be sent again', async () => {
      const { ctx, sent, faults } = fakeHookContext(plugin);
      faults.sends = 1;
      await expect(automation('send_closing')(card(), ctx)).rejects.toThrow('send failed');
      await automation('send_closing')(card(), ctx);
      expect(sent.map((s) => s.templateKey)).toEqual(['closing', 'csat']);
    });
  });
});
