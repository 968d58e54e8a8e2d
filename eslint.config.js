// ESLint: typescript-eslint plus the process boundaries of ARCHITECTURE §2 as errors.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import boundaries from 'eslint-plugin-boundaries';

const noElectron = { name: 'electron', message: 'Only electron/ may import Electron (ARCHITECTURE §2).' };
const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'tls', 'dns', 'zlib', 'util', 'stream'];

/**
 * The layers of core/ (ARCHITECTURE §4), lowest first. A folder may import its own files and any
 * folder of a LOWER layer, never one of its own layer or above: so the folder graph has no cycle
 * and nothing reaches up (e.g. no domain folder imports the composition root core/app).
 * `leaves` are the single files directly in core/ (redact.ts, version.ts). Every folder of core/
 * must appear here (test/unit/gates/boundaries.test.ts checks it), so a new one gets a place.
 */
export const CORE_LAYERS = [
  ['leaves', 'ports', 'crypto', 'text'],
  ['storage', 'net', 'profiles'],
  ['registration'],
  ['keys'],
  ['credentials', 'jwks-check'],
  ['package', 'diagnostics', 'views', 'lifecycle'],
  ['support'],
  ['app'],
];

const coreType = (folder) => `core-${folder}`;

/** eslint-plugin-boundaries: what each folder of core/ is, and which ones it may import. */
export const coreLayeringRules = [
  {
    files: ['core/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.js', '.json'] } },
      'boundaries/elements': [
        { type: 'contract', pattern: 'contract', partialMatch: false },
        ...CORE_LAYERS.flat()
          .filter((folder) => folder !== 'leaves')
          .map((folder) => ({ type: coreType(folder), pattern: `core/${folder}`, partialMatch: false })),
        // Last, so it only classifies what no folder above claims: the files directly in core/.
        { type: coreType('leaves'), pattern: 'core', partialMatch: false },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          message: 'core/ layering (eslint.config.js CORE_LAYERS): {{from.type}} may not import {{to.type}}; a folder imports only from lower layers.',
          policies: CORE_LAYERS.flatMap((layer, rank) =>
            layer.map((folder) => ({
              from: { element: { type: coreType(folder) } },
              allow: { to: { element: { types: { anyOf: ['contract', coreType(folder), ...CORE_LAYERS.slice(0, rank).flat().map(coreType)] } } } },
            })),
          ),
        },
      ],
    },
  },
];

/** Boundary rules, exported so the lint fixture test can prove they fire. */
export const boundaryRules = [
  {
    files: ['core/**/*.ts', 'contract/**/*.ts', 'cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['electron/*'], message: noElectron.message }] }],
    },
  },
  {
    files: ['contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: nodeBuiltins, message: 'contract/ is pure TypeScript shared by every process: no Node built-ins.' },
            { group: ['**/core/**', '**/electron/**', '**/renderer/**', '**/cli/**'], message: 'contract/ depends on nothing of ours.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer is sandboxed: no Node built-ins.' },
            { group: ['**/core/**', '**/electron/**', '**/cli/**'], message: 'The renderer talks to the main process only through window.onboarding.' },
          ],
        },
      ],
    },
  },
  {
    // Only electron/ipc.ts may touch ipcMain; only electron/preload.ts may touch ipcRenderer.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['electron/ipc.ts', 'electron/preload.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "Identifier[name='ipcMain']", message: 'Only electron/ipc.ts touches ipcMain.' },
        { selector: "Identifier[name='ipcRenderer']", message: 'Only electron/preload.ts touches ipcRenderer.' },
        { selector: "Property[key.name='rejectUnauthorized'][value.value=false]", message: 'Never switch TLS verification off.' },
        { selector: "CallExpression[callee.property.name='loadFile']", message: 'Serve the UI from app://, never file://.' },
      ],
    },
  },
  {
    files: ['electron/ipc.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "Identifier[name='ipcRenderer']", message: 'Only electron/preload.ts touches ipcRenderer.' }],
    },
  },
  {
    files: ['electron/preload.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "Identifier[name='ipcMain']", message: 'Only electron/ipc.ts touches ipcMain.' }],
    },
  },
];

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'out/', '.vite/', 'test-artefacts/', 'test-results/', 'playwright-report/', 'test/fixtures/', 'coverage/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['scripts/**', 'test/**', 'bin/**', '*.config.*'],
    rules: { 'no-console': 'off' },
  },
  ...boundaryRules,
  ...coreLayeringRules,
);
