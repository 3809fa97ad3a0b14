// Lint rules that hold the house together (docs/architecture.md): imports point downward only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const io = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'http', 'node:http', 'https', 'node:https', 'net',
  'node:net', 'tls', 'node:tls', 'child_process', 'node:child_process', 'undici', 'timers', 'node:timers', 'worker_threads',
  'node:worker_threads', 'dgram', 'node:dgram'];
const restrict = (paths, patterns, message) => ({
  'no-restricted-imports': ['error', {
    paths: paths.map((name) => ({ name, message })),
    patterns: patterns.map((group) => ({ group: [group], message })),
  }],
});

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', '.vscode-test/', '.test-output/', 'scripts/vscode-e2e/node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'never' }],
      'no-console': 'error',
    },
  },
  { files: ['**/*.mjs', '**/*.js', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.mjs', '**/*.js', '**/*.cjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', window: 'readonly', document: 'readonly' } }, rules: { 'no-console': 'off', '@typescript-eslint/no-require-imports': 'off' } },
  // Everything outside src/extension must not import vscode.
  { files: ['src/**/*.ts'], ignores: ['src/extension/**'], rules: restrict(['vscode'], [], 'Only src/extension/ may import vscode.') },
  // The core is pure: no I/O, no adapters, no entry points.
  {
    files: ['src/core/**/*.ts'],
    rules: restrict(['vscode', ...io], ['**/datasources/**', '**/node/**', '**/extension/**', '**/server/**', '**/cli/**', '**/protocol/**'],
      'src/core/ is pure: it reaches the outside world only through src/core/ports.ts.'),
  },
  // protocol sits on the core only.
  {
    files: ['src/protocol/**/*.ts'],
    rules: restrict(['vscode', ...io], ['**/datasources/**', '**/node/**', '**/extension/**', '**/server/**', '**/cli/**'],
      'src/protocol/ is the wire contract: it depends on the core only.'),
  },
  // Adapters never import entry points.
  {
    files: ['src/datasources/**/*.ts', 'src/node/**/*.ts'],
    rules: restrict(['vscode'], ['**/extension/**', '**/server/**', '**/cli/**'], 'Adapters must not import entry points.'),
  },
  // Entry points do not import one another.
  { files: ['src/cli/**/*.ts'], rules: restrict(['vscode'], ['**/extension/**', '**/server/**'], 'The CLI must not import other entry points.') },
  { files: ['src/server/**/*.ts'], rules: restrict(['vscode'], ['**/extension/**', '**/cli/**'], 'The server must not import other entry points.') },
  { files: ['src/extension/**/*.ts'], rules: { ...restrict([], ['**/server/**', '**/cli/**'], 'The extension must not import other entry points.'), 'no-console': 'error' } },
  { files: ['src/cli/**/*.ts', 'src/server/**/*.ts', 'scripts/**', 'bench/**', 'test/**'], rules: { 'no-console': 'off' } },
);
