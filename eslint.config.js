// ESLint flat config. Type-aware rules for src/, the layer rule everywhere under src/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import navette from './tools/eslint-plugin-navette/index.js';

export default tseslint.config(
  {
    ignores: [
      'dist/**', 'node_modules/**', 'bench-results/**', 'test/e2e/screenshots/**',
      'release/**', 'coverage/**', '.scratch/**', 'src/domain/__layer_canary__.ts',
      // Declarations only, compiled by the per-layer typecheck; no lint rule applies to them.
      'tools/typecheck/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { navette },
    rules: {
      'navette/layers': 'error',
      'no-console': 'error',
    },
  },
  {
    // Entry points may talk to the terminal.
    files: ['src/cli/**/*.ts', 'src/main/bootstrap*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly',
        setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
        performance: 'readonly', fetch: 'readonly', globalThis: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
