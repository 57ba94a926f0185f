import { fakeHookContext, missingTranslations, PluginCard, pluginUnderTest } from '@switchboard/plugin-sdk';
import { describe, expect, it } from 'vitest';
import plugin from './index';

const LANGUAGES = ['en', 'pt-BR', 'es'];

/** What the core checks at boot (the first test names any problem), and lookups that name what is missing. */
const { checked, manifest, contributes, template, hook, automation } = pluginUnderTest(plugin);

/** A Monday 12:00 UTC: inside the default hours, outside when the test closes every day. */
const MONDAY_NOON = '2024-06-03T12:00:00.000Z';

const card = (overrides: Partial<PluginCard> = {}): PluginCard => ({
  id: 'card-1',
  conversationId: 'conversation-1',
  departmentId: 'department-1',
  pipelineKey: 'support',
  stageKey: 'resolved',
  title: 'Maria Silva',
  fields: { category: 'order', priority: 'normal' },
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

describe('dept-support', () => {
  describe('declaration', () => {
    it('passes every check the core makes at boot, as a department plugin', () => {
      // Manifest, hooks against handlers, automations named by stages and card actions, settings defaults.
      expect(checked.problems).toEqual([]);
      expect(manifest()).toMatchObject({
        id: 'dept-support',
        name: 'Support',
        kind: 'department',
        core: '^0.1.0',
      });
      expect(contributes().visibility).toBe('department');
    });

    it('ships the support process: stages in order, required fields and automations', () => {
      const [pipeline] = contributes().pipelines;
      expect(pipeline.key).toBe('support');
      expect(pipeline.stages.map((s) => [s.key, s.category])).toEqual([
        ['new', 'open'],
        ['triage', 'open'],
        ['in_progress', 'open'],
        ['waiting_on_customer', 'waiting'],
        ['resolved', 'done'],
        ['closed', 'done'],
      ]);
      const stage = (key: string) => pipeline.stages.find((s) => s.key === key);
      expect(stage('in_progress')?.requiredFields).toEqual(['category', 'priority']);
      expect(stage('resolved')?.onEnter).toEqual(['send_closing']);
      expect(pipeline.fields.find((f) => f.key === 'order_number')?.reference).toEqual({
        system: 'erp',
        entity: 'order',
      });
    });

    it('has an SLA policy per priority, on business hours except urgent', () => {
      expect(
        contributes().slaPolicies.map((p) => [p.priority, p.firstResponseMinutes, p.businessHours]),
      ).toEqual([
        ['urgent', 15, false],
        ['high', 60, true],
        ['normal', 240, true],
        ['low', 480, true],
      ]);
      // Every priority the field offers has targets.
      const priority = contributes().pipelines[0].fields.find((f) => f.key === 'priority');
      expect(priority?.options?.map((o) => o.value).sort()).toEqual(
        contributes()
          .slaPolicies.map((p) => p.priority)
          .sort(),
      );
    });

    it('has every template purpose in en, pt-BR and es, with the name where it greets or closes', () => {
      expect(
        contributes()
          .templates.map((t) => t.purpose)
          .sort(),
      ).toEqual(['closing', 'csat', 'greeting', 'out_of_hours']);
      expect(missingTranslations(manifest(), LANGUAGES)).toEqual([]);
      for (const t of contributes().templates) {
        if (t.purpose === 'greeting' || t.purpose === 'closing')
          for (const text of Object.values(t.text)) expect(text, t.key).toContain('{{name}}');
        if (t.purpose === 'csat') for (const text of Object.values(t.text)) expect(text).toMatch(/1\D+5/);
      }
    });

    it('gives every intent at least four examples in each language', () => {
      expect(contributes().triageIntents.map((i) => i.key)).toEqual([
        'order_status',
        'refund',
        'technical_issue',
        'billing',
      ]);
      for (const intent of contributes().triageIntents)
        for (const language of LANGUAGES)
          expect(intent.examples[language]?.length, intent.key).toBeGreaterThanOrEqual(4);
    });

    it('parses its settings from defaults alone', () => {
      expect(plugin.settings?.parse({})).toEqual({
        language: 'en',
        greetNewConversations: true,
        businessHours: { timezone: 'UTC', days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' },
        csatOnClose: true,
      });
    });
  });

  describe('behaviour (the SDK department kit, tested in libs/plugin-sdk)', () => {
    it('greets new cards, tells out-of-hours customers and closes cards with its own templates', async () => {
      const closed = { timezone: 'UTC', days: [], open: '09:00', close: '18:00' };
      const { ctx, sent } = fakeHookContext(plugin, { language: 'pt-BR', businessHours: closed });
      await hook('card.created')(
        { cardId: 'card-1', conversationId: 'conversation-1', title: 'Maria Silva' },
        ctx,
      );
      await hook('message.received')(message(MONDAY_NOON), ctx);
      await automation('send_closing')(card(), ctx);
      expect(sent.map((s) => s.templateKey)).toEqual(['greeting', 'out_of_hours', 'closing', 'csat']);
      for (const s of sent)
        expect(s.text).toBe(template(s.templateKey).text['pt-BR'].replace('{{name}}', 'Maria Silva'));
    });
  });
});
