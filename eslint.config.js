// ESLint (flat config): TypeScript rules plus the layer rules of docs/architecture.md, so a
// wrong-way import fails `npm test` instead of waiting for a reviewer to notice it.
//
//   src/shared    plain data and pure functions: no Node, no DOM, no other layer
//   src/host      everything the main process does: never electron, sandbox, web or renderer
//   src/renderer  the screens: never the host, Node or electron (they talk through the contract)
//   src/sandbox   the API simulator: may use the host's KHQR codec, never the other way round
//   electron/preload  only the contract and electron's contextBridge/ipcRenderer
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Every Node built-in, bare and with the node: prefix. */
const NODE_BUILTINS = [...new Set(builtinModules.map((name) => name.replace(/^node:/, '')))]
  .flatMap((name) => [name, `node:${name}`]);

/** An import of a folder of this repository, matched on the import string whatever its ../ depth. */
const layer = (folder, message) => ({ regex: `(^|/)${folder}(/|$)`, message });

const NO_NODE = { paths: NODE_BUILTINS.map((name) => ({ name, message: 'Node APIs belong in the host; this layer runs without Node.' })) };
const NO_ELECTRON = { name: 'electron', message: 'Only electron/ may import electron; the host must run in plain Node.' };

/** DOM and Node globals that shared code must not use (it runs in the host and in the screens). */
const HOST_OR_DOM_GLOBALS = [
  'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'fetch', 'XMLHttpRequest',
  'EventSource', 'process', 'Buffer', 'require', '__dirname', '__filename', 'global',
].map((name) => ({ name, message: 'src/shared runs in both the host and the screens: pass what it needs in.' }));

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'playwright-report/**', 'tests/electron/electronegativity/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      'no-undef': 'off', // TypeScript checks names
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a union of string literals (Node strips types; enums are not erasable).' }],
      // Stripping control characters from untrusted text is exactly what those regular expressions are for.
      'no-control-regex': 'off',
    },
  },
  {
    // Playwright fixtures that need no other fixture must be written `async ({}, use)`.
    files: ['tests/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        ...NO_NODE,
        paths: [...NO_NODE.paths, NO_ELECTRON],
        patterns: [
          layer('host', 'src/shared must not import the host.'),
          layer('renderer', 'src/shared must not import the screens.'),
          layer('sandbox', 'src/shared must not import the sandbox.'),
          layer('web', 'src/shared must not import the web server.'),
          layer('launch', 'src/shared must not import the launchers.'),
          layer('electron', 'src/shared must not import electron/.'),
          { regex: '^(react|react-dom|zustand|qrcode|better-sqlite3|usb|@napi-rs/canvas)(/|$)', message: 'src/shared is plain data and pure functions: no libraries with a platform.' },
        ],
      }],
      'no-restricted-globals': ['error', ...HOST_OR_DOM_GLOBALS],
    },
  },
  {
    files: ['src/host/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [NO_ELECTRON],
        patterns: [
          layer('sandbox', 'The host takes its payment API from the launcher; it never imports the sandbox.'),
          layer('web', 'The host never imports the web server; the web server carries the host.'),
          layer('renderer', 'The host never imports the screens.'),
          layer('launch', 'The host never imports the launchers.'),
          layer('electron', 'The host never imports electron/; it must run in plain Node.'),
          { regex: '^(react|react-dom|zustand)(/|$)', message: 'The host draws no screens.' },
        ],
      }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        ...NO_NODE,
        paths: [...NO_NODE.paths, NO_ELECTRON],
        patterns: [
          layer('host', 'Screens reach the host only through the contract (src/shared/contract.ts) and the bridge.'),
          layer('sandbox', 'Screens never talk to the sandbox.'),
          layer('web', 'Screens never import the web server.'),
          layer('launch', 'Screens never import the launchers.'),
          layer('electron', 'Screens never import electron/.'),
          { regex: '^(better-sqlite3|usb|@napi-rs/canvas)(/|$)', message: 'Screens never touch the disk or devices.' },
        ],
      }],
      'no-restricted-globals': ['error',
        ...['process', 'Buffer', 'require', '__dirname', '__filename'].map((name) => ({ name, message: 'Screens run without Node.' })),
        { name: 'fetch', message: 'Screens never touch the network: ask the host through the bridge.' },
      ],
    },
  },
  {
    // The bridge is the one place a screen's transport lives (web mode's HTTP + SSE to its own origin).
    files: ['src/renderer/bridge/**/*.ts'],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    files: ['src/sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [NO_ELECTRON],
        patterns: [
          { regex: '(^|/)host/(host|commands|views)\\.ts$', message: 'The sandbox may use the host\'s KHQR codec, never the host itself (no cycle).' },
          layer('web', 'The sandbox never imports the web server.'),
          layer('renderer', 'The sandbox never imports the screens.'),
        ],
      }],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        ...NO_NODE,
        patterns: [
          layer('host', 'Preloads expose the contract only; the host lives in the main process.'),
          layer('renderer', 'Preloads never import the screens.'),
        ],
      }],
    },
  },
);
