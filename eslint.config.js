// ESLint (flat config): TypeScript rules plus the layer rules of docs/architecture.md, so a
// wrong-way import fails `npm test` instead of waiting for a reviewer to notice it.
//
//   src/shared    plain data and pure functions: no Node, no DOM, no other layer
//   src/host      everything the main process does: never electron, sandbox, web or renderer
//   src/renderer  the screens: never the host, Node or electron (they talk through the contract)
//   src/sandbox   the API simulator: may use the host's KHQR codec, never the other way round
//   src/cli       the ledger command line: may use the host's ledger modules, never the other way round
//   src/backoffice  the back office service: src/shared, the journal's pure hashing
//                 (src/host/ledger/journal/canonical.ts) and the export's file writers
//                 (src/host/export/csv.ts, xlsx.ts) only; the host never imports it
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

const NODE_MESSAGE = 'Node APIs belong in the host; this layer runs without Node.';
const NO_NODE = { paths: NODE_BUILTINS.map((name) => ({ name, message: NODE_MESSAGE })) };
const NO_ELECTRON = { name: 'electron', message: 'Only electron/ may import electron; the host must run in plain Node.' };

/** DOM and Node globals that shared code must not use (it runs in the host and in the screens). */
const HOST_OR_DOM_GLOBALS = [
  'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'fetch', 'XMLHttpRequest',
  'EventSource', 'WebSocket', 'BroadcastChannel', 'indexedDB', 'caches', 'alert', 'confirm', 'prompt',
  'process', 'Buffer', 'require', 'module', 'exports', '__dirname', '__filename', 'global',
  // The global object under its other names would reach all of the above (globalThis.process, self.location).
  'globalThis', 'self', 'top', 'parent', 'frames', 'opener',
  // Threads and the Node-only event-loop hooks are the platform's, not plain data's.
  'Worker', 'SharedWorker', 'importScripts', 'postMessage', 'setImmediate', 'clearImmediate',
].map((name) => ({ name, message: 'src/shared runs in both the host and the screens: pass what it needs in.' }));

// `no-restricted-imports` sees only static imports and exports. The same restrictions are applied
// below with `no-restricted-syntax` to what it misses: `import('…')` (ImportExpression) and
// `import('…').T` types (TSImportType) with a literal source, any import() whose source is not a
// literal (it could name anything), and createRequire, which loads CommonJS — electron included.

const ENUMS = { selector: 'TSEnumDeclaration', message: 'Use a union of string literals (Node strips types; enums are not erasable).' };

/** A JavaScript regular expression's source as an esquery /regex/ (esquery ends it at a bare slash). */
const esqueryRegex = (source) => `/${source.replaceAll('/', '\\/')}/`;
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** no-restricted-syntax entries refusing import('…') and import('…').T of what a layer's no-restricted-imports refuses. */
function dynamicImports({ paths = [], patterns = [] }) {
  const byMessage = new Map();
  for (const { name, message } of paths) byMessage.set(message, [...(byMessage.get(message) ?? []), name]);
  const rules = [
    ...[...byMessage].map(([message, names]) => ({ regex: `^(${names.map(escapeRegex).join('|')})$`, message })),
    ...patterns,
  ];
  return rules.flatMap(({ regex, message }) => [
    { selector: `ImportExpression[source.value=${esqueryRegex(regex)}]`, message: `${message} (import())` },
    { selector: `TSImportType[argument.literal.value=${esqueryRegex(regex)}]`, message: `${message} (import() type)` },
  ]);
}

const NON_LITERAL_IMPORT = {
  selector: "ImportExpression[source.type!='Literal']",
  message: 'import() takes a string literal here, so the layer rules can see what it loads.',
};
const CREATE_REQUIRE_MESSAGE = 'createRequire loads modules around the layer rules (electron included); only libusb-backend.ts may, for `usb`.';
const NO_CREATE_REQUIRE = [
  { selector: "CallExpression[callee.name='createRequire']", message: CREATE_REQUIRE_MESSAGE },
  { selector: "MemberExpression[property.name='createRequire']", message: CREATE_REQUIRE_MESSAGE },
];
const NO_CREATE_REQUIRE_IMPORT = ['module', 'node:module'].map((name) => ({ name, importNames: ['createRequire'], message: CREATE_REQUIRE_MESSAGE }));

/** A layer's import restrictions, applied to static imports, import() and createRequire alike. */
function layerRules(restrictions, { allowUsbRequire = false } = {}) {
  const paths = [...(restrictions.paths ?? []), ...(allowUsbRequire ? [] : NO_CREATE_REQUIRE_IMPORT)];
  const createRequireRules = allowUsbRequire
    ? [
      // The one lazy load: `createRequire(import.meta.url)('usb')`, called at once with exactly that.
      {
        selector: "CallExpression[callee.name='createRequire']:not(CallExpression[arguments.length=1][arguments.0.value='usb'] > CallExpression.callee[arguments.length=1][arguments.0.object.meta.name='import'][arguments.0.property.name='url'])",
        message: 'Here createRequire may only load `usb`, as createRequire(import.meta.url)(\'usb\').',
      },
      { selector: "MemberExpression[property.name='createRequire']", message: CREATE_REQUIRE_MESSAGE },
    ]
    : NO_CREATE_REQUIRE;
  return {
    'no-restricted-imports': ['error', { ...restrictions, paths }],
    'no-restricted-syntax': ['error', ENUMS, NON_LITERAL_IMPORT, ...createRequireRules, ...dynamicImports(restrictions)],
  };
}

const SHARED = {
  paths: [...NO_NODE.paths, NO_ELECTRON],
  patterns: [
    layer('host', 'src/shared must not import the host.'),
    layer('renderer', 'src/shared must not import the screens.'),
    layer('sandbox', 'src/shared must not import the sandbox.'),
    layer('web', 'src/shared must not import the web server.'),
    layer('launch', 'src/shared must not import the launchers.'),
    layer('electron', 'src/shared must not import electron/.'),
    layer('cli', 'src/shared must not import the ledger CLI.'),
    layer('backoffice', 'src/shared must not import the back office.'),
    { regex: '^(react|react-dom|zustand|qrcode|better-sqlite3|usb|@napi-rs/canvas)(/|$)', message: 'src/shared is plain data and pure functions: no libraries with a platform.' },
  ],
};

const HOST = {
  paths: [NO_ELECTRON],
  patterns: [
    layer('sandbox', 'The host takes its payment API from the launcher; it never imports the sandbox.'),
    layer('web', 'The host never imports the web server; the web server carries the host.'),
    layer('renderer', 'The host never imports the screens.'),
    layer('launch', 'The host never imports the launchers.'),
    layer('electron', 'The host never imports electron/; it must run in plain Node.'),
    layer('cli', 'The host never imports the ledger CLI (src/cli); the CLI uses the host\'s ledger modules.'),
    layer('backoffice', 'The host never imports the back office: a till talks to it over HTTP only.'),
    { regex: '^(react|react-dom|zustand)(/|$)', message: 'The host draws no screens.' },
  ],
};
/**
 * The back office shares three host modules: the journal's canonical bytes and hash, so both ends hash a
 * row with the same code, and the export's CSV and XLSX writers, so both write the same files. They
 * import nothing else of the host: see their blocks below.
 */
const BACKOFFICE = {
  paths: [NO_ELECTRON],
  patterns: [
    {
      regex: `(^|/)host(/(?!ledger/journal/canonical\\.ts$|export/(csv|xlsx)\\.ts$)|$)`,
      message: 'The back office may use only src/shared, the journal\'s pure hashing (src/host/ledger/journal/canonical.ts) and the export file writers (src/host/export/csv.ts, xlsx.ts) of the host.',
    },
    layer('renderer', 'The back office never imports the till\'s screens.'),
    layer('sandbox', 'The back office never imports the sandbox.'),
    layer('web', 'The back office never imports the till\'s web server.'),
    layer('launch', 'The back office never imports the launchers.'),
    layer('electron', 'The back office never imports electron/.'),
    layer('cli', 'The back office never imports the ledger CLI.'),
    { regex: '^(react|react-dom|zustand|better-sqlite3|usb|@napi-rs/canvas)(/|$)', message: 'The back office is a server on PostgreSQL: no screens, no SQLite, no devices.' },
  ],
};

/** The host is ES modules: require() would only work once bundled, and would load around the rules. */
const HOST_GLOBALS = ['require', 'module', 'exports'].map((name) => ({ name, message: 'The host is ES modules: use import.' }));

const RENDERER = {
  paths: [...NO_NODE.paths, NO_ELECTRON],
  patterns: [
    layer('host', 'Screens reach the host only through the contract (src/shared/contract.ts) and the bridge.'),
    layer('sandbox', 'Screens never talk to the sandbox.'),
    layer('web', 'Screens never import the web server.'),
    layer('launch', 'Screens never import the launchers.'),
    layer('electron', 'Screens never import electron/.'),
    layer('cli', 'Screens never import the ledger CLI.'),
    layer('backoffice', 'Screens never import the back office.'),
    { regex: '^(better-sqlite3|usb|@napi-rs/canvas)(/|$)', message: 'Screens never touch the disk or devices.' },
  ],
};

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
      ...layerRules(SHARED),
      'no-restricted-globals': ['error', ...HOST_OR_DOM_GLOBALS],
    },
  },
  {
    files: ['src/host/**/*.ts'],
    rules: {
      ...layerRules(HOST),
      'no-restricted-globals': ['error', ...HOST_GLOBALS],
    },
  },
  {
    // `usb` is loaded on first use only (no native USB code in tests or web mode unless configured).
    files: ['src/host/printing/transports/libusb-backend.ts'],
    rules: layerRules(HOST, { allowUsbRequire: true }),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      ...layerRules(RENDERER),
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
    rules: layerRules({
      paths: [NO_ELECTRON],
      patterns: [
        { regex: '(^|/)host/(host|commands|views)\\.ts$', message: 'The sandbox may use the host\'s KHQR codec, never the host itself (no cycle).' },
        layer('web', 'The sandbox never imports the web server.'),
        layer('renderer', 'The sandbox never imports the screens.'),
        layer('backoffice', 'The sandbox never imports the back office.'),
      ],
    }),
  },
  {
    // The ledger CLI runs beside the POS in plain Node: the host's ledger modules, nothing of the app around it.
    files: ['src/cli/**/*.ts'],
    rules: {
      ...layerRules({
        paths: [NO_ELECTRON],
        patterns: [
          layer('sandbox', 'The ledger CLI never imports the sandbox.'),
          layer('web', 'The ledger CLI never imports the web server.'),
          layer('renderer', 'The ledger CLI never imports the screens.'),
          layer('launch', 'The ledger CLI never imports the launchers.'),
          layer('electron', 'The ledger CLI never imports electron/.'),
          layer('backoffice', 'The ledger CLI never imports the back office.'),
        ],
      }),
      'no-restricted-globals': ['error', ...HOST_GLOBALS],
    },
  },
  {
    files: ['src/backoffice/**/*.ts'],
    rules: {
      ...layerRules(BACKOFFICE),
      'no-restricted-globals': ['error', ...HOST_GLOBALS],
    },
  },
  {
    // Shared with the back office (above): it imports nothing of the repository, so the back office
    // gets only what it asked for.
    files: ['src/host/ledger/journal/canonical.ts'],
    rules: layerRules({ ...HOST, patterns: [...HOST.patterns, { regex: '^\\.', message: 'canonical.ts is shared with the back office: it stays pure (node:crypto only), importing no other file.' }] }),
  },
  {
    // The export's file writers are shared with the back office (its export across tills writes the
    // till's very format): they import only src/shared, Node's streams and exceljs.
    files: ['src/host/export/csv.ts', 'src/host/export/xlsx.ts'],
    rules: layerRules({ ...HOST, patterns: [...HOST.patterns, { regex: '^\\.(?!\\./\\.\\./shared/)', message: 'csv.ts and xlsx.ts are shared with the back office: they import only src/shared (and Node, exceljs).' }] }),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: layerRules({
      ...NO_NODE,
      patterns: [
        layer('host', 'Preloads expose the contract only; the host lives in the main process.'),
        layer('renderer', 'Preloads never import the screens.'),
      ],
    }),
  },
);
