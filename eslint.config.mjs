import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import boundaries from './eslint/lib-boundaries.mjs';

export default tseslint.config(
  {
    ignores: [
      'libs/*/index.js',
      'apps/*/index.js',
      'plugins/*/index.js',
      '**/dist/**',
      '**/node_modules/**',
      '.data/**',
      'apps/web/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // A library is used only through its index.ts (eslint/lib-boundaries.mjs).
    files: ['**/*.ts', '**/*.mts', '**/*.mjs'],
    plugins: { switchboard: boundaries },
    rules: { 'switchboard/lib-boundaries': 'error' },
  },
  {
    files: [
      '**/*.spec.ts',
      'test/**/*.ts',
      'libs/testing/**/*.ts',
      'apps/wa-sandbox/src/cli.ts',
      'test/load/**/*.ts',
    ],
    rules: { 'no-console': 'off' },
  },
  {
    // Plain Node scripts that run before anything is built (the test line's runner).
    files: ['test/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: { 'no-console': 'off' },
  },
);
