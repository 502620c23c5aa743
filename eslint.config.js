// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/*
 * The house rules of docs/architecture.md, enforced rather than remembered:
 *  - src/ is the pure core: no browser API, no Node API, nothing of ours outside src/.
 *  - src/cli and src/server are Node leaves: they may use Node; nothing imports them.
 *  - only extension/platform/ imports webextension-polyfill (or touches `chrome`/`browser`).
 *  - stored state is read only through extension/platform/stored-record.ts and blob-record.ts.
 *  - the extension ships: nothing of scripts/ or tests/ in it.
 *  - scripts/ build, serve and benchmark the BUILT extension (dist/): never its source, never a
 *    CLI leaf (npm start runs the CLI as a process, bin/aup.mjs). Only the benchmarks and the
 *    screenshots script may use the e2e browser rig in tests/; so tests/ never import scripts/
 *    (that would be a cycle).
 *  - the e2e tests test the built extension: no extension/ source (types at most).
 *  - core tests may use tests/fixtures, which import nothing of ours outside the core.
 */

const NODE_BUILTINS = [
  'node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url',
  'zlib', 'stream', 'util', 'worker_threads', 'events', 'buffer', 'process', 'sqlite',
];
const POLYFILL = { group: ['webextension-polyfill'], message: 'Only extension/platform/ may import webextension-polyfill.' };
const LEAVES = { group: ['**/cli/*', '**/server/*', '**/src/cli', '**/src/server'], message: 'src/cli and src/server are leaves: nothing imports them.' };
/** The rules/ loader (pure, but it brings a YAML parser): for the CLI and the build; the extension gets rules/ compiled at build time. */
const RULES_LOADER = { group: ['**/src/rules/*', '**/src/rules'], message: 'src/rules loads rules/ for the CLI and the build; the extension gets it compiled at build time (virtual:aup-embedded).' };
/** Stored blobs are read only through the blob records of extension/background/records.ts, which validate them. */
const RAW_BLOB_READ = {
  group: ['**/platform/blob-store.ts'],
  importNames: ['getBlob'],
  message: 'Read blobs through a blob record (extension/background/records.ts): it checks the bytes before use.',
};
/** The browser object itself stays in platform/: outside it, storage and every other API go through platform's small functions and records. */
const RAW_BROWSER = { group: ['**/platform/browser.ts'], message: 'Use the functions of extension/platform/ (storage only through stored records), not the browser object.' };
const SHIPPED_ONLY = { group: ['**/scripts/**', '**/tests/**'], message: 'The extension ships: it imports nothing of scripts/ or tests/.' };
const NO_EXTENSION_SOURCE = { group: ['**/extension/**'], allowTypeImports: true, message: 'Tooling and e2e tests use the built extension (dist/), never its source.' };
const NO_SCRIPTS = { group: ['**/scripts/**'], message: 'Tests never import scripts/ (the benchmarks import the e2e rig: the reverse would be a cycle).' };
const BROWSER_GLOBALS = [
  { name: 'chrome', message: 'Browser APIs live in extension/platform/.' },
  { name: 'browser', message: 'Browser APIs live in extension/platform/.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never render HTML from data: build text nodes.' },
        { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'Never assign innerHTML: build text nodes.' },
      ],
    },
  },
  // Typed rules, only where they pay: a dropped promise in the worker or the core is a silent
  // failure (an unhandled rejection nobody sees). Typed linting costs a TypeScript program, so
  // it is scoped to these files and not applied to scripts/ and tests/.
  {
    files: ['src/**/*.ts', 'src/**/*.tsx', 'extension/**/*.ts', 'extension/**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  // The pure core.
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    // Tests beside the core run on Node and may use it (e.g. zlib to make inputs).
    ignores: ['src/cli/**', 'src/server/**', 'src/**/*.test.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'webextension-polyfill', message: 'src/ is the pure core: no browser APIs.' }],
          patterns: [
            { group: NODE_BUILTINS, message: 'src/ is the pure core: Node APIs belong in src/cli or src/server.' },
            { group: ['**/extension/**', '**/tests/**', '**/scripts/**'], message: 'The core imports nothing of ours outside src/.' },
            LEAVES,
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...BROWSER_GLOBALS,
        { name: 'window', message: 'No DOM in the core.' },
        { name: 'document', message: 'No DOM in the core.' },
        { name: 'localStorage', message: 'No DOM in the core.' },
        { name: 'process', message: 'No Node in the core.' },
        { name: 'Buffer', message: 'No Node in the core: use Uint8Array.' },
        { name: 'require', message: 'No Node in the core.' },
      ],
    },
  },
  {
    files: ['src/**/*.test.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': ['error', { patterns: [
      POLYFILL,
      { group: ['**/extension/**'], message: 'Core tests test the core.' },
      NO_SCRIPTS,
      { regex: '(^|/)tests/(?!fixtures/)', message: 'Core tests may use tests/fixtures, nothing else of tests/.' },
    ] }] },
  },
  // The Node leaves of the core.
  {
    files: ['src/cli/**', 'src/server/**'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/extension/**', 'webextension-polyfill'], message: 'The CLI and server run on Node: no extension code.' },
      ] }],
    },
  },
  // Extension code outside the platform room.
  {
    files: ['extension/**/*.ts', 'extension/**/*.tsx'],
    ignores: ['extension/platform/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'webextension-polyfill', message: POLYFILL.message }], patterns: [POLYFILL, LEAVES, RULES_LOADER, RAW_BLOB_READ, RAW_BROWSER, SHIPPED_ONLY] }],
      'no-restricted-globals': ['error', ...BROWSER_GLOBALS],
    },
  },
  {
    files: ['extension/platform/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { patterns: [LEAVES, RULES_LOADER, SHIPPED_ONLY] }] },
  },
  // Tooling, tests and scripts run on Node.
  {
    files: ['tests/**', 'scripts/**', 'bin/**', '*.config.ts', '*.config.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['scripts/**'],
    ignores: ['scripts/bench/**', 'scripts/screenshots.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [
      NO_EXTENSION_SOURCE,
      { ...LEAVES, message: 'The build and npm start must not import a CLI leaf: run bin/aup.mjs, or use src/rules and the core.' },
      { group: ['**/tests/**'], message: 'Only the benchmarks may use tests/ (the e2e rig, fixtures).' },
    ] }] },
  },
  {
    // The benchmarks and `npm run screenshots` drive the built extension with the e2e browser rig.
    files: ['scripts/bench/**', 'scripts/screenshots.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_EXTENSION_SOURCE, LEAVES] }] },
  },
  {
    files: ['tests/e2e/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_EXTENSION_SOURCE, NO_SCRIPTS] }] },
  },
  {
    // Core tests import these: so nothing of ours but the pure core.
    files: ['tests/fixtures/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [
      { group: ['**/extension/**', '**/scripts/**', '**/e2e/**', '**/unit/**'], message: 'Fixtures are data for core tests: they import only the core.' },
      LEAVES,
      RULES_LOADER,
    ] }] },
  },
);
