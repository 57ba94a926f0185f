import { describe, expect, it } from 'vitest';
import { checkPlugin, missingTranslations } from './check-plugin';
import { definePlugin } from './define-plugin';

const plugin = definePlugin({
  manifest: {
    id: 'check-test',
    name: 'Check test',
    version: '1.0.0',
    kind: 'connector',
    core: '^0.1.0',
    hooks: [{ name: 'card.created' }],
    contributes: {
      templates: [{ key: 'hello', purpose: 'greeting', text: { en: 'Hi', es: 'Hola' } }],
      triageIntents: [{ key: 'buy', label: 'Buy', examples: { en: ['I want to buy'] } }],
      cardActions: [{ key: 'go', label: 'Go', automation: 'missing' }],
    },
  },
  hooks: { 'message.received': () => undefined },
});

describe('checkPlugin', () => {
  it('names every problem the core would refuse the plugin for', () => {
    expect(checkPlugin(plugin).problems).toEqual([
      { field: 'hooks.card.created', reason: 'declared in the manifest but has no handler' },
      { field: 'hooks.message.received', reason: 'has a handler but is not declared in manifest.hooks' },
      {
        field: 'manifest.contributes.cardActions.0.automation',
        reason: '"missing" is not one of the plugin\'s automations',
      },
    ]);
  });

  it('lists the customer-facing text missing in a locale', () => {
    expect(missingTranslations(checkPlugin(plugin).manifest!, ['en', 'pt-BR'])).toEqual([
      'templates.hello: no pt-BR text',
      'triageIntents.buy: no pt-BR examples',
    ]);
  });
});
