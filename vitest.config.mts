import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';

// Vitest runs from the repository root (npm test).
const root = process.cwd();
const lib = (name: string) => resolve(root, `libs/${name}/src/index.ts`);

export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    alias: {
      '@switchboard/engine': lib('engine'),
      '@switchboard/channels': lib('channels'),
      '@switchboard/conversations': lib('conversations'),
      '@switchboard/pipelines': lib('pipelines'),
      '@switchboard/identity': lib('identity'),
      '@switchboard/assignment': lib('assignment'),
      '@switchboard/routing': lib('routing'),
      '@switchboard/plugin-host': lib('plugin-host'),
      '@switchboard/sla': lib('sla'),
      '@switchboard/reporting': lib('reporting'),
      '@switchboard/plugin-sdk': lib('plugin-sdk'),
      '@switchboard/contracts': lib('contracts'),
      '@switchboard/testing': lib('testing'),
      '@switchboard/wa-sandbox': resolve(root, 'apps/wa-sandbox/src/index.ts'),
      '@switchboard/api': resolve(root, 'apps/api/src/index.ts'),
    },
  },
  test: {
    // One PostgreSQL server and one browser for the whole run (embedded / npm-shipped when none is installed).
    globalSetup: ['test/setup/global-setup.ts'],
    include: [
      'apps/*/src/**/*.spec.ts',
      'apps/*/test/**/*.spec.ts',
      'libs/*/src/**/*.spec.ts',
      'plugins/*/src/**/*.spec.ts',
      'test/e2e/**/*.spec.ts',
      'test/architecture/**/*.spec.ts',
    ],
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    // Spec files share a worker's module cache: each e2e file loads the whole api, and importing it afresh per file
    // cost about 2 s each (300 s of a run). Specs keep their state in their own test environment, not in modules.
    isolate: false,
  },
});
