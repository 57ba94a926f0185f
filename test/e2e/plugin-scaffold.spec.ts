import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';

const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    timeout: 240_000,
    env: { ...process.env, NODE_ENV: 'test' },
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
};
const suffix = Date.now().toString(36);
const ids = [`probe-dept-${suffix}`, `probe-erp-${suffix}`];

/** `npm run plugin:new` output must pass npm run check and its own test, unchanged. */
describe('plugin scaffolder', () => {
  afterAll(() => {
    for (const id of ids) {
      rmSync(`plugins/${id}`, { recursive: true, force: true });
      rmSync(`dist/plugins/${id}`, { recursive: true, force: true });
    }
  });

  it('writes a department and a connector plugin that pass lint, types, format and their own tests', () => {
    const cli = 'dist/libs/plugin-sdk/src/scaffold/cli.js';
    expect(existsSync(cli), 'run npm run build first (npm test does)').toBe(true);
    const made = [
      run(process.execPath, [cli, ids[0], '--kind', 'department']),
      run(process.execPath, [cli, ids[1], '--kind', 'connector']),
    ];
    for (const m of made) expect(m.status, m.output).toBe(0);
    expect(made[0].output).toContain(`plugins/${ids[0]}/src/index.ts`);

    const dirs = ids.map((id) => `plugins/${id}`);
    const steps: [string, string[]][] = [
      ['npx', ['tsc', '-p', 'tsconfig.build.json']],
      ['npx', ['eslint', ...dirs]],
      ['npx', ['prettier', '--check', ...dirs]],
      ['npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
      ['npx', ['vitest', 'run', ...dirs, '--reporter=dot']],
    ];
    for (const [cmd, args] of steps) {
      const r = run(cmd, args);
      expect(r.status, `${cmd} ${args.join(' ')}\n${r.output}`).toBe(0);
    }
  }, 300_000);

  it('refuses a bad name and an existing plugin', () => {
    const cli = 'dist/libs/plugin-sdk/src/scaffold/cli.js';
    const bad = run(process.execPath, [cli, 'Bad_Name']);
    expect(bad.status).toBe(1);
    expect(bad.output).toContain('use lowercase letters, digits and -');
    const again = run(process.execPath, [cli, ids[0]]);
    expect(again.status).toBe(1);
    expect(again.output).toContain('already exists');
    expect(run(process.execPath, [cli]).output).toContain('usage: npm run plugin:new');
  });
});
