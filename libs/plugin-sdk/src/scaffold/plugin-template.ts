export type ScaffoldKind = 'department' | 'connector';

/** Words of a plugin id, for names: `dept-legal` → `Dept Legal`. */
const title = (id: string) =>
  id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');

export function packageJson(id: string): string {
  return `${JSON.stringify({ name: `@switchboard-plugin/${id}`, version: '0.1.0', private: true, main: 'index.js' }, null, 2)}\n`;
}

export function indexJs(id: string): string {
  return `// Compiled output lives in the repository-wide dist/ (npm run build); TypeScript reads ./src.
module.exports = require('../../dist/plugins/${id}/src/index.js');
`;
}

export function pluginSource(id: string, kind: ScaffoldKind): string {
  const contributes =
    kind === 'department'
      ? `
    contributes: {
      pipelines: [
        {
          key: '${id.replace(/-/g, '_')}',
          name: '${title(id)}',
          stages: [
            { key: 'new', name: 'New', category: 'open' },
            { key: 'in_progress', name: 'In progress', category: 'open' },
            { key: 'waiting', name: 'Waiting on customer', category: 'waiting' },
            { key: 'done', name: 'Done', category: 'done' },
          ],
        },
      ],
    },`
      : `
    credentials: [{ key: 'apiKey', label: 'API key of the external system' }],`;
  const settings =
    kind === 'department'
      ? `z.object({ greeting: z.string().min(1).default('Hello! How can we help?') })`
      : `z.object({ baseUrl: z.string().default('https://erp.example.com') })`;
  return `import { definePlugin } from '@switchboard/plugin-sdk';
import { z } from 'zod';

/** ${title(id)}: a ${kind} plugin. See docs/plugins.md for the manifest, hooks and installation. */
export default definePlugin({
  manifest: {
    id: '${id}',
    name: '${title(id)}',
    version: '0.1.0',
    kind: '${kind}',
    core: '^0.1.0',${contributes}
    hooks: [{ name: 'message.received', priority: 100, timeoutMs: 2000 }],
  },
  // Every setting needs a default: installations start from these.
  settings: ${settings},
  hooks: {
    'message.received': (event, ctx) => {
      ctx.log(\`message \${String(event.messageId)} on number \${ctx.numberId}\`);
    },
  },
});
`;
}

export function pluginSpec(id: string, kind: ScaffoldKind): string {
  // A connector declares a required credential: the installation must carry it to be enabled.
  const install =
    kind === 'connector'
      ? `{ plugin: '${id}', credentials: { apiKey: 'test-api-key' } }`
      : `{ plugin: '${id}' }`;
  const cardCheck =
    kind === 'department'
      ? `
      // A department plugin's pipeline is where the number's new conversations land.
      const card = await env.api().get(\`/api/cards/\${turn.cardId}\`).expect(200);
      expect(card.body.stage.key).toBe('new');`
      : '';
  return `import { loadPlugins } from '@switchboard/engine';
import { createPluginTestEnvironment, PluginTestEnvironment } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const entry = './plugins/${id}';

describe('${id}', () => {
  it('passes the checks the core makes at boot', () => {
    const [plugin] = loadPlugins([entry]);
    expect(plugin.manifest.id).toBe('${id}');
  });

  describe('installed on a WhatsApp number', () => {
    let env: PluginTestEnvironment;
    beforeAll(async () => {
      env = await createPluginTestEnvironment({ plugins: [entry], install: [${install}] });
    });
    afterAll(async () => {
      await env?.close();
    });

    it('handles incoming messages without a failure', async () => {
      ${kind === 'department' ? 'const turn = ' : ''}await env.customerSays('Olá!');
      await env.hooksSettled();
      expect(await env.hookFailures()).toEqual([]);${cardCheck}
    });
  });
});
`;
}
