import { ConfigError, CORE_VERSION, loadPlugins } from '@switchboard/engine';
import { createTestEnvironment, TEST_SERVER_URL, TestEnvironment } from '@switchboard/testing';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Fixture plugins (test/fixtures/plugins), one per thing that can be wrong, compiled by npm run build. */
const fixture = (name: string) => `./dist/test/fixtures/plugins/${name}`;

function problemsOf(entries: string[]): string {
  try {
    loadPlugins(entries);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected the plugins to be refused');
}

describe('plugin loading', () => {
  it('the core version plugins are checked against is the package version', () => {
    expect(CORE_VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });

  it('loads a correct plugin with its manifest defaults and settings defaults', () => {
    expect(existsSync(fixture('valid')), 'run npm run build first (npm test does)').toBe(true);
    const [p] = loadPlugins([fixture('valid')]);
    expect(p.manifest).toMatchObject({
      id: 'fixture-valid',
      kind: 'department',
      credentials: [],
      hooks: [{ name: 'message.received', priority: 10, timeoutMs: 2000 }],
    });
    expect(p.defaultSettings).toEqual({ greeting: 'Olá!' });
  });

  it.each([
    ['bad-manifest', 'plugins.enabled[fixture-bad-manifest] manifest.version'],
    ['bad-manifest', 'plugins.enabled[fixture-bad-manifest] manifest.kind'],
    [
      'incompatible',
      'plugins.enabled[fixture-incompatible] manifest.core: the plugin supports Switchboard >=2.0.0; this is 0.1.0',
    ],
    ['bad-settings', 'plugins.enabled[fixture-bad-settings] settings.erpUrl'],
    [
      'hook-mismatch',
      'plugins.enabled[fixture-hook-mismatch] hooks.card.created: declared in the manifest but has no handler',
    ],
    ['not-a-plugin', 'does not export a plugin made with definePlugin()'],
    [
      'bad-pipeline',
      'plugins.enabled[fixture-bad-pipeline] manifest.contributes.pipelines.0.stages.1.requiredFields.0: "deal_size" is not one of the pipeline\'s fields',
    ],
  ])('refuses %s, naming plugin and field', (name, expected) => {
    expect(problemsOf([fixture(name)])).toContain(expected);
  });

  it('refuses stage automations and card actions that name an automation the plugin does not export', () => {
    const message = problemsOf([fixture('missing-automation')]);
    expect(message).toContain(
      'plugins.enabled[fixture-missing-automation] manifest.contributes.pipelines.0.stages.1.onEnter.0: "celebrate" is not one of the plugin\'s automations',
    );
    expect(message).toContain(
      'plugins.enabled[fixture-missing-automation] manifest.contributes.cardActions.0.automation: "celebrate" is not one of the plugin\'s automations',
    );
  });

  it('refuses a missing plugin and a duplicate id', () => {
    expect(problemsOf(['./plugins/does-not-exist'])).toContain(
      'plugins.enabled[./plugins/does-not-exist]: cannot be loaded',
    );
    expect(problemsOf([fixture('valid'), fixture('valid')])).toContain(
      'another enabled plugin has the same id',
    );
  });

  it('a wrong plugin stops the built api with the plugin and the field named', () => {
    const r = spawnSync(process.execPath, ['dist/apps/api/src/main.js'], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: TEST_SERVER_URL,
        SWITCHBOARD__PLUGINS__ENABLED: `${fixture('valid')},${fixture('incompatible')}`,
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Invalid configuration');
    expect(r.stderr).toContain('plugins.enabled[fixture-incompatible] manifest.core');
  });
});

describe('loaded plugins in a running core', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment({
      config: { plugins: { enabled: [fixture('valid'), fixture('module')] } },
    });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('admins see what was loaded; others may not', async () => {
    const r = await env.api().get('/api/plugins').expect(200);
    expect(r.body).toEqual([
      expect.objectContaining({
        entry: fixture('valid'),
        manifest: expect.objectContaining({ id: 'fixture-valid', version: '1.0.0' }),
        defaultSettings: { greeting: 'Olá!' },
      }),
      expect.objectContaining({ entry: fixture('module') }),
    ]);
    await env.as('salesSupervisor').get('/api/plugins').expect(403);
  });

  it("a plugin's NestJS module, entities and migrations are registered with the core", async () => {
    expect(await env.query('select id from plugin_fixture_module_boots')).toEqual([{ id: 'booted' }]);
    expect(await env.query("select name from schema_migrations where name like 'plugin:%'")).toEqual([
      { name: 'plugin:fixture-module:0001_boots' },
    ]);
  });
});
