// Review of the Electron code against Electron's security checklist: the things a reviewer would
// look for, so that flipping one of them fails here (no Electron binary is needed). The windows'
// options are checked as values: electron/windows.ts is run against the fake electron and the
// options its BrowserWindows are constructed with are read back. Where a rule lives in a pure
// module it is imported and checked for real; the rest is checked on the source.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerHooks } from 'node:module';
import { CONTENT_SECURITY_POLICY, PAGE_URLS, SECURITY_HEADERS, type PageName } from '../../electron/app-url.ts';
import { preloadPath } from '../../electron/paths.ts';
import { counterMenuTemplate, devToolsEnabled, isReloadOrInspectKey, type KeyInput } from '../../electron/devtools.ts';
import * as fake from './fake-electron.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FAKE_URL = new URL('./fake-electron.ts', import.meta.url).href;
const ELECTRON_DIR = join(ROOT, 'electron');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && entry.name !== 'vite.config.ts' ? [path] : [];
  });
}

/** Source without comments, so a rule mentioned in a comment neither passes nor fails a check. */
function code(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const FILES = sourceFiles(ELECTRON_DIR).map((path) => ({ name: relative(ROOT, path), text: code(path) }));
const file = (name: string): string => {
  const found = FILES.find((f) => f.name === name);
  assert.ok(found, `${name} is missing`);
  return found.text;
};

/** The text of the balanced (...) or {...} group that starts at or after `from` (only {...} with `braces`). */
function group(text: string, from: number, braces = false): string {
  assert.ok(from >= 0, 'anchor not found');
  const open = text.slice(from).search(braces ? /\{/ : /[({]/) + from;
  const closer: Record<string, string> = { '(': ')', '{': '}' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '(' || ch === '{') stack.push(closer[ch]!);
    else if (ch === ')' || ch === '}') {
      assert.equal(ch, stack.pop(), 'unbalanced brackets');
      if (stack.length === 0) return text.slice(open, i + 1);
    }
  }
  throw new Error('unbalanced brackets');
}

function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) found.push(i);
  return found;
}

/** Every window's webPreferences, as values: a protection turned off or left to a default fails here. */
const REQUIRED_PREFERENCES = (devTools: boolean): Record<string, unknown> => ({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
  disableBlinkFeatures: 'Auxclick',
  // No DevTools at the counter: only with POS_DEVTOOLS=1, from a checkout.
  devTools,
});
/** The only other keys a window may set. */
const OTHER_PREFERENCES = ['preload', 'backgroundThrottling'];

const SINGLE = { id: 1, bounds: { x: 0, y: 0, width: 1366, height: 768 }, workArea: { x: 0, y: 0, width: 1366, height: 728 } };
const SECOND = { id: 2, bounds: { x: 1366, y: 0, width: 1024, height: 768 }, workArea: { x: 1366, y: 0, width: 1024, height: 768 } };

/**
 * electron/windows.ts run against the fake electron (tests/electron/fake-electron.ts): the options
 * each BrowserWindow is really constructed with, for the packaged and the unpackaged app, with and
 * without POS_DEVTOOLS=1, with the customer display on its own monitor and as a spare window on the till's.
 */
type Built = { packaged: boolean; devToolsEnv: string | undefined; window: fake.FakeWindow };
async function constructedWindows(): Promise<Built[]> {
  registerHooks({
    resolve: (specifier, context, next) => (specifier === 'electron' ? { url: FAKE_URL, shortCircuit: true } : next(specifier, context)),
  });
  const { openPosWindows } = await import('../../electron/windows.ts');
  const built: Built[] = [];
  const saved = process.env.POS_DEVTOOLS;
  try {
    for (const devToolsEnv of [undefined, '1', 'true']) {
      if (devToolsEnv === undefined) delete process.env.POS_DEVTOOLS;
      else process.env.POS_DEVTOOLS = devToolsEnv;
      for (const packaged of [false, true]) {
        for (const monitors of [[SINGLE, SECOND], [SINGLE]]) {
          fake.app.isPackaged = packaged;
          fake.setDisplays(monitors);
          const before = fake.record.windows.length;
          const windows = openPosWindows({ onCashierClosed: () => undefined });
          windows.dispose();
          for (const window of fake.record.windows.slice(before)) built.push({ packaged, devToolsEnv, window });
        }
      }
    }
  } finally {
    fake.app.isPackaged = false;
    if (saved === undefined) delete process.env.POS_DEVTOOLS;
    else process.env.POS_DEVTOOLS = saved;
  }
  return built;
}

test('every BrowserWindow is built with sandboxed, isolated, Node-free webPreferences and its own preload', async () => {
  const built = await constructedWindows();
  assert.equal(built.length, 24, 'two windows for each of the twelve set-ups');
  const pages: string[] = [];
  for (const { packaged, devToolsEnv, window } of built) {
    // DevTools only from a checkout started with POS_DEVTOOLS=1 (not `npm start` as a shop runs it).
    const devTools = !packaged && devToolsEnv === '1';
    const page = Object.entries(PAGE_URLS).find(([, url]) => url === window.webContents.getURL())?.[0] as PageName | undefined;
    assert.ok(page, `a window loaded ${window.webContents.getURL()}, not one of our pages`);
    pages.push(page);
    const prefs = window.options.webPreferences as Record<string, unknown> | undefined;
    assert.ok(prefs && typeof prefs === 'object', `${page}: a BrowserWindow without webPreferences`);
    for (const [key, value] of Object.entries(REQUIRED_PREFERENCES(devTools))) {
      assert.equal(prefs[key], value, `${page}${packaged ? ' (packaged)' : ''}, POS_DEVTOOLS=${devToolsEnv}: webPreferences.${key} must be ${String(value)}`);
    }
    assert.equal(prefs.preload, preloadPath(page), `${page}: its own preload`);
    const allowed = new Set([...Object.keys(REQUIRED_PREFERENCES(devTools)), ...OTHER_PREFERENCES]);
    for (const key of Reflect.ownKeys(prefs)) assert.ok(allowed.has(String(key)), `${page}: unexpected webPreferences.${String(key)}`);
  }
  assert.deepEqual(pages.sort(), [...Array(12).fill('cashier'), ...Array(12).fill('customer')], 'a cashier and a customer window each time');
  assert.equal(preloadPath('customer', '/app/out/main'), join('/app/out', 'preload', 'customer.cjs'));
});

test('DevTools are on only for POS_DEVTOOLS=1 exactly, and never in the packaged app', () => {
  assert.equal(devToolsEnabled(false, {}), false, '`npm start` from a checkout, as a shop runs it');
  assert.equal(devToolsEnabled(false, { POS_DEVTOOLS: '1' }), true);
  for (const value of ['', '0', 'true', 'yes', ' 1', 'on']) assert.equal(devToolsEnabled(false, { POS_DEVTOOLS: value }), false, JSON.stringify(value));
  assert.equal(devToolsEnabled(true, { POS_DEVTOOLS: '1' }), false);
});

test('the counter has no menu; macOS keeps only Quit and Edit (copy and paste), nothing that reloads or inspects', () => {
  assert.equal(counterMenuTemplate('linux'), null);
  assert.equal(counterMenuTemplate('win32'), null);
  assert.deepEqual(counterMenuTemplate('darwin'), [{ role: 'appMenu' }, { role: 'editMenu' }]);
});

test('the keys that reload a page or open DevTools are recognised, the till\'s own keys are not', () => {
  const key = (k: Partial<KeyInput> & { key: string; code: string }): KeyInput => ({ type: 'keyDown', control: false, meta: false, shift: false, alt: false, ...k });
  const developer = [
    key({ key: 'F5', code: 'F5' }),
    key({ key: 'F12', code: 'F12' }),
    key({ key: 'r', code: 'KeyR', control: true }),
    key({ key: 'R', code: 'KeyR', control: true, shift: true }),
    key({ key: 'r', code: 'KeyR', meta: true }),
    key({ key: 'I', code: 'KeyI', control: true, shift: true }),
    key({ key: 'J', code: 'KeyJ', control: true, shift: true }),
    key({ key: 'C', code: 'KeyC', control: true, shift: true }),
    key({ key: 'i', code: 'KeyI', meta: true, alt: true }),
    // A Khmer layout: the same physical key.
    key({ key: 'រ', code: 'KeyR', control: true }),
    key({ key: 'F5', code: 'F5', type: 'rawKeyDown' }),
  ];
  for (const input of developer) assert.equal(isReloadOrInspectKey(input), true, JSON.stringify(input));
  const till = [
    ...'0123456789.,'.split('').map((k) => key({ key: k, code: `Digit${k}` })),
    key({ key: 'Enter', code: 'Enter' }), key({ key: 'Escape', code: 'Escape' }), key({ key: 'Backspace', code: 'Backspace' }),
    key({ key: 'Delete', code: 'Delete' }), key({ key: 'n', code: 'KeyN' }), key({ key: 'r', code: 'KeyR' }), key({ key: 'Tab', code: 'Tab', shift: true }),
    key({ key: 'c', code: 'KeyC', control: true }), key({ key: 'v', code: 'KeyV', control: true }), key({ key: 'i', code: 'KeyI', control: true }),
    key({ key: 'F5', code: 'F5', type: 'keyUp' }),
  ];
  for (const input of till) assert.equal(isReloadOrInspectKey(input), false, JSON.stringify(input));
});

test('no window is built anywhere else, so none escapes the check above', () => {
  const makers = FILES.filter((f) => /\bnew BrowserWindow\(/.test(f.text)).map((f) => f.name);
  assert.deepEqual(makers, ['electron/windows.ts'], 'BrowserWindows are made only in electron/windows.ts');
  assert.equal(occurrences(file('electron/windows.ts'), 'new BrowserWindow(').length, 2, 'the cashier and the customer window');
  assert.deepEqual(FILES.filter((f) => f.text.includes('webPreferences')).map((f) => f.name), ['electron/windows.ts']);
  assert.doesNotMatch(file('electron/windows.ts'), /\bBrowserView\b|\bWebContentsView\b/, 'no views with their own preferences');
});

test('no Electron source turns a protection off', () => {
  const forbidden = [
    /\b(sandbox|contextIsolation|webSecurity|safeDialogs)\s*:\s*false/,
    /\b(nodeIntegration\w*|allowRunningInsecureContent|webviewTag|experimentalFeatures|navigateOnDragDrop)\s*:\s*true/,
    /\benableBlinkFeatures\b/,
    /\b(corsEnabled|bypassCSP|allowServiceWorkers)\s*:\s*true/,
    /\bloadFile\(/,
    /\bloadURL\(\s*['"`](https?|file):/,
    /\bshell\.openExternal\(/,
    /action:\s*'allow'/,
    /ELECTRON_DISABLE_SECURITY_WARNINGS/,
  ];
  for (const { name, text } of FILES) {
    for (const rule of forbidden) assert.doesNotMatch(text, rule, `${name} matches ${rule}`);
  }
});

test('windows only ever load our own app:// pages', () => {
  let loads = 0;
  for (const { name, text } of FILES) {
    for (const at of occurrences(text, '.loadURL(')) {
      loads++;
      assert.match(text.slice(at, at + 40), /^\.loadURL\(PAGE_URLS\[page\]\)/, `${name}: loadURL of something other than PAGE_URLS`);
    }
  }
  assert.ok(loads > 0);
  const pages = file('electron/app-url.ts');
  assert.match(pages, /cashier: `\$\{APP_ORIGIN\}\/cashier\/index\.html`/);
  assert.match(pages, /customer: `\$\{APP_ORIGIN\}\/customer\/index\.html`/);
});

test('app:// responses carry the same CSP as web mode, as a response header', () => {
  // Both transports take their headers from src/shared/http-headers.ts.
  assert.equal(SECURITY_HEADERS['content-security-policy'], CONTENT_SECURITY_POLICY);
  assert.match(CONTENT_SECURITY_POLICY, /default-src 'self'/);
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /https?:|unsafe-eval/);
  assert.match(readFileSync(join(ROOT, 'src/web/server.ts'), 'utf8'), /import \{ SECURITY_HEADERS[^}]*\} from '\.\.\/shared\/http-headers\.ts'/);
  const protocol = file('electron/protocol.ts');
  const headerSets = occurrences(protocol, 'headers: {');
  assert.ok(headerSets.length >= 2, 'file and error responses both set headers');
  for (const at of headerSets) {
    assert.match(group(protocol, at, true), /^\{\s*\.\.\.SECURITY_HEADERS,/, 'every app:// response starts from SECURITY_HEADERS');
  }
  assert.match(protocol, /resolveAppPath\(rendererDir, request\.url\)/, 'files are resolved through the traversal check');
  assert.match(protocol, /privileges:\s*\{\s*standard:\s*true,\s*secure:\s*true,\s*supportFetchAPI:\s*true\s*\}/);
});

test('permission requests and checks are all refused', () => {
  const security = file('electron/security.ts');
  const request = group(security, security.indexOf('setPermissionRequestHandler('));
  assert.match(request, /callback\(false\)/);
  assert.doesNotMatch(request, /callback\((?!false\))/, 'the request handler may only ever answer false');
  assert.match(security, /setPermissionCheckHandler\(\(\) => false\)/);
  assert.match(security, /setDevicePermissionHandler\(\(\) => false\)/);
  assert.match(security, /will-download', \(event\) => event\.preventDefault\(\)/);
  assert.match(security, /callback\(\{ cancel \}\)/, 'webRequest cancels what isAllowedRequestUrl refuses');
});

test('navigation away from app://pos, new windows and <webview> are refused for every web contents', () => {
  const security = file('electron/security.ts');
  assert.match(security, /app\.on\('web-contents-created', \(_event, contents\) => lockNavigation\(contents\)\)/);
  const opener = group(security, security.indexOf('setWindowOpenHandler('));
  assert.match(opener, /return \{ action: 'deny' \}/);
  for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
    const handler = group(security, security.indexOf(`'${event}'`), true);
    assert.match(handler, /if \(!isAppUrl\([\w.]+\)\) refuse\(event, [\w.]+\)/, `${event} is not guarded`);
  }
  assert.match(group(security, security.indexOf("'will-attach-webview'"), true), /event\.preventDefault\(\)/);
  assert.match(security, /function refuse\(event: \{ preventDefault\(\): void \}, url: string\): void \{\n[^\n]*\n\s*event\.preventDefault\(\);\n\}/);
});

test('main registers the scheme and the locks before ready, and the session lock on start', () => {
  const main = file('electron/main.ts');
  const ready = main.indexOf('app.whenReady()');
  for (const call of ['registerAppScheme();', 'enforceSandbox(app);', 'lockDownContents(app, { devTools });', 'app.requestSingleInstanceLock()']) {
    const at = main.indexOf(call);
    assert.ok(at !== -1 && at < ready, `${call} must run before app.whenReady()`);
  }
  const start = group(main, main.indexOf('function start('), true);
  assert.match(start, /lockDownSession\(session\.defaultSession\)/);
  assert.ok(start.indexOf('wireIpc(') < start.indexOf('openPosWindows('), 'IPC must be wired before the pages load');
  assert.match(file('electron/security.ts'), /app\.enableSandbox\(\)/);
});

test('IPC: every handler checks its sender first; commands only from the cashier window', () => {
  const ipcFiles = FILES.filter((f) => /\bipcMain\./.test(f.text)).map((f) => f.name);
  assert.deepEqual(ipcFiles, ['electron/ipc.ts'], 'ipcMain is used only in electron/ipc.ts');
  const ipc = file('electron/ipc.ts');
  assert.doesNotMatch(ipc, /ipcMain\.(on|once|handleOnce)\(/, 'only ipcMain.handle, all checked');
  const handlers = occurrences(ipc, 'ipcMain.handle(').map((at) => group(ipc, at + 'ipcMain.handle'.length));
  assert.equal(handlers.length, 4);
  const expected: Record<string, string> = {
    'CHANNELS.command': 'cashier',
    'CHANNELS.saveExport': 'cashier',
    'CHANNELS.cashierSubscribe': 'cashier',
    'CHANNELS.displaySubscribe': 'customer',
  };
  for (const handler of handlers) {
    const channel = /^\((CHANNELS\.\w+)/.exec(handler)?.[1];
    assert.ok(channel && expected[channel], `unexpected handler ${handler.slice(0, 60)}`);
    const body = group(handler, handler.indexOf('=>'), true);
    const firstStatement = body.slice(1).trim().split('\n')[0]!;
    assert.match(firstStatement, new RegExp(`^if \\(!trusted\\(event, '${expected[channel]}', ${channel.replace('.', '\\.')}\\)\\) (return NOT_ALLOWED|return 'failed'|throw new Error)`), `${channel} must check its sender first`);
  }
  assert.match(ipc, /return runCommand\(host, name, args\)/, 'commands go through runCommand');
  assert.match(ipc, /const window = page === 'cashier' \? windows\.cashier\(\) : windows\.customer\(\);\s*if \(isTrustedSender\(event, window, page\)\) return true;/);
});

test('preloads expose only their bridge, never ipcRenderer, and need nothing but electron at run time', () => {
  const bridges = { 'electron/preload/cashier.ts': ['posCashier', 'CashierBridge'], 'electron/preload/customer.ts': ['posDisplay', 'DisplayBridge'] } as const;
  for (const { name, text } of FILES.filter((f) => f.name.startsWith('electron/preload/'))) {
    for (const line of text.match(/^import (?!type ).*from '([^']+)';$/gm) ?? []) {
      const from = /from '([^']+)'/.exec(line)![1]!;
      assert.ok(from === 'electron' || from.startsWith('./'), `${name} imports ${from} at run time`);
    }
    const expose = occurrences(text, 'exposeInMainWorld(');
    const bridge = bridges[name as keyof typeof bridges];
    if (!bridge) {
      assert.equal(expose.length, 0, `${name}: only the entry preloads expose anything`);
      continue;
    }
    assert.equal(expose.length, 1, `${name}: exactly one exposeInMainWorld`);
    assert.match(text, new RegExp(`exposeInMainWorld\\('${bridge[0]}', ${bridge[0]}\\);`));
    const objectAt = text.indexOf(`const ${bridge[0]} = {`);
    assert.ok(objectAt !== -1, `${name}: the exposed object is a literal`);
    const object = group(text, objectAt);
    assert.ok(text.slice(objectAt + `const ${bridge[0]} = `.length + object.length).startsWith(` satisfies ${bridge[1]};`), `${name}: satisfies ${bridge[1]}`);
    // ipcRenderer may be called inside a function, never handed over as a value.
    assert.doesNotMatch(object, /\bipcRenderer\b(?!\.(invoke|on|removeListener)\()/, `${name}: exposes ipcRenderer`);
    assert.doesNotMatch(object, /\b(send|sendSync|postMessage|require|process)\b/, `${name}: exposes more than the bridge`);
  }
  const customer = file('electron/preload/customer.ts');
  assert.doesNotMatch(customer, /\binvoke\b|WIRE\.command/, 'the customer display cannot send commands');
  assert.doesNotMatch(customer, /\bipcRenderer\b/);
});
