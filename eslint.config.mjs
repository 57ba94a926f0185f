import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import vue from 'eslint-plugin-vue';
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
      // Generated from the api's OpenAPI document (npm run gen:api).
      'apps/web/src/api/schema.d.ts',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    // The web app's single-file components: TypeScript in <script setup lang="ts">, checked for types by vue-tsc.
    files: ['apps/web/**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, sourceType: 'module' } },
    rules: {
      'no-undef': 'off',
      // Nothing a customer or user wrote is ever rendered as HTML (issue 14).
      'vue/no-v-html': 'error',
    },
  },
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
    files: ['**/*.ts', '**/*.mts', '**/*.mjs', '**/*.vue'],
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
