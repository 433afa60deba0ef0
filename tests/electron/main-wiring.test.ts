// The main process, freshly built by electron-vite (as out/main/index.js is), loaded in plain Node against a fake `electron`
// (fake-electron.ts), with a real host and ledger in a temporary folder: checks the wiring that
// needs no Chromium — scheme registered before ready, windows and their options, app:// answers,
// session and navigation locks, IPC sender checks, the whole training sale carried over IPC,
// the customer display following an unplugged monitor, start-up failure, and a clean quit.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { registerHooks } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as fake from './fake-electron.ts';
import { OTHER_PIN, OWNER_PIN, ownerOnlyProbes } from '../support/users.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// A private build (inside the repo, so `better-sqlite3` resolves from node_modules), never out/,
// which other runners may be reading. electron-vite takes well under a second.
const BUILD = join(ROOT, 'test-results', `main-wiring-${process.pid}`);
const MAIN = join(BUILD, 'main', 'index.js');
const FAKE_URL = new URL('./fake-electron.ts', import.meta.url).href;

const PRIMARY = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const SECOND = { id: 2, bounds: { x: 1920, y: 0, width: 1024, height: 768 }, workArea: { x: 1920, y: 0, width: 1024, height: 768 } };

const dataDir = mkdtempSync(join(tmpdir(), 'pos-main-wiring-'));

/** Polls until `probe` holds; the limit only catches a hang, so a busy machine never fails it. */
async function until<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const live = (page: string): fake.FakeWindow | undefined =>
  fake.record.windows.find((w) => !w.destroyed && w.webContents.getURL() === `app://pos/${page}/index.html`);
const cashier = (): fake.FakeWindow => live('cashier')!;
const customer = (): fake.FakeWindow => live('customer')!;

before(async () => {
  const build = spawnSync(join(ROOT, 'node_modules', '.bin', 'electron-vite'), ['build', '--config', 'electron/vite.config.ts', '--outDir', BUILD, '--logLevel', 'error'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(build.status, 0, `electron-vite build failed:\n${build.stdout}\n${build.stderr}`);
  for (const key of Object.keys(process.env)) if (key.startsWith('POS_')) delete process.env[key];
  process.env.POS_DATA_DIR = dataDir;
  registerHooks({
    resolve: (specifier, context, next) => (specifier === 'electron' ? { url: FAKE_URL, shortCircuit: true } : next(specifier, context)),
  });
  fake.setDisplays([PRIMARY, SECOND]);
  await import(pathToFileURL(MAIN).href);
});

after(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(BUILD, { recursive: true, force: true });
});

test('the app:// scheme and the sandbox are set up before ready, nothing else is', () => {
  assert.deepEqual(fake.record.schemes, [
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true }, beforeReady: true },
  ]);
  assert.equal(fake.record.sandboxEnabled, true);
  // One Chromium profile (and single-instance lock) per ledger folder.
  assert.equal(fake.app.getPath('userData'), join(dataDir, 'electron'));
  assert.equal(fake.record.windows.length, 0);
  assert.equal(fake.record.ipcHandlers.size, 0);
  assert.deepEqual(fake.record.applicationMenus, []);
});

test('on ready: IPC handlers, the cashier window and the customer window on the second monitor', async () => {
  fake.becomeReady();
  await until('two windows', () => live('cashier') && live('customer'));
  assert.deepEqual([...fake.record.ipcHandlers.keys()].sort(), ['pos:cashier-subscribe', 'pos:command', 'pos:display-subscribe', 'pos:save-export']);
  for (const [win, page] of [[cashier(), 'cashier'], [customer(), 'customer']] as const) {
    const prefs = win.options.webPreferences as Record<string, unknown>;
    assert.equal(prefs.preload, join(BUILD, 'preload', `${page}.cjs`));
    assert.ok(existsSync(prefs.preload as string), `${page} preload is built`);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.devTools, false, `${page}: no DevTools when POS_DEVTOOLS is not set`);
  }
  // No POS_DEVTOOLS: Electron's default menu (Ctrl+Shift+I, Ctrl+R) is replaced by none, before
  // either window exists (this runs on Linux; macOS keeps only Quit and Edit, see below).
  assert.deepEqual(fake.record.applicationMenus, [{ menu: null, beforeReady: false, windowsBefore: 0 }]);
  const display = customer();
  await until('the customer display in full screen', () => display.fullScreen);
  assert.equal(display.options.frame, false);
  assert.deepEqual(display.bounds, SECOND.bounds);
  assert.equal(cashier().options.x, PRIMARY.workArea.x);
});

test('neither window takes the keys that reload a page or open DevTools; the till keeps its own keys', () => {
  for (const window of [cashier(), customer()]) {
    const page = window.webContents.getURL();
    for (const key of [
      { key: 'I', code: 'KeyI', control: true, shift: true },
      { key: 'r', code: 'KeyR', control: true },
      { key: 'R', code: 'KeyR', control: true, shift: true },
      { key: 'F5', code: 'F5' },
      { key: 'F12', code: 'F12' },
    ]) {
      assert.equal(fake.pressKey(window, key), true, `${page}: ${JSON.stringify(key)} must be dropped`);
    }
    for (const key of [{ key: '5', code: 'Digit5' }, { key: 'Enter', code: 'Enter' }, { key: 'Escape', code: 'Escape' }, { key: 'n', code: 'KeyN' }]) {
      assert.equal(fake.pressKey(window, key), false, `${page}: ${key.key} reaches the page`);
    }
  }
});

test('app:// serves the built renderer with the security headers, and nothing outside it', async () => {
  const handle = fake.record.protocolHandlers.get('app')!;
  const page = await handle(new Request('app://pos/cashier/index.html'));
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.match(page.headers.get('content-security-policy') ?? '', /^default-src 'self'; script-src 'self';/);
  assert.equal(page.headers.get('x-frame-options'), 'DENY');
  const html = await page.text();
  assert.match(html, /<div id="root"><\/div>/);
  const script = /src="\.\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
  assert.ok(script, 'the page names its script');
  const js = await handle(new Request(`app://pos/${script}`));
  assert.equal(js.status, 200);
  assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
  for (const url of ['app://pos/assets/..%2f..%2f..%2fpackage.json', 'app://pos/../package.json', 'app://other/cashier/index.html', 'app://pos/nope.html', 'app://pos/assets/']) {
    const res = await handle(new Request(url));
    assert.equal(res.status, 404, url);
    assert.ok(res.headers.get('content-security-policy'), `${url}: error responses carry the CSP too`);
  }
  assert.equal((await handle(new Request('app://pos/cashier/index.html', { method: 'POST', body: 'x' }))).status, 405);
});

test('the session refuses permissions and remote requests; web contents cannot navigate away or open windows', () => {
  const { session } = fake.record;
  let granted: boolean | null = null;
  session.permissionRequest!({}, 'media', (g) => (granted = g));
  assert.equal(granted, false);
  assert.equal(session.permissionCheck!({}, 'notifications', 'app://pos'), false);
  assert.equal(session.devicePermission!({}), false);
  const cancels = (url: string): boolean | undefined => {
    let answer: boolean | undefined;
    session.beforeRequest!({ url }, (r) => (answer = r.cancel));
    return answer;
  };
  assert.equal(cancels('https://example.com/tracker.js'), true);
  assert.equal(cancels('app://pos/assets/x.js'), false);

  const contents = cashier().webContents;
  const navigate = (event: string, url: string): boolean => {
    let prevented = false;
    const e = { url, preventDefault: () => (prevented = true) };
    if (event === 'will-frame-navigate') contents.emit(event, e);
    else contents.emit(event, e, url);
    return prevented;
  };
  for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
    assert.equal(navigate(event, 'https://evil.example/'), true, event);
    assert.equal(navigate(event, 'file:///etc/passwd'), true, event);
    assert.equal(navigate(event, 'app://pos/cashier/index.html'), false, event);
  }
  assert.deepEqual(contents.windowOpenHandler!({ url: 'app://pos/customer/index.html' }), { action: 'deny' });
  let webviewBlocked = false;
  contents.emit('will-attach-webview', { preventDefault: () => (webviewBlocked = true) }, {}, {});
  assert.equal(webviewBlocked, true);
});

test('IPC refuses commands from anything but the cashier window top frame', async () => {
  const fromCustomer = fake.eventFrom(customer());
  const refused = {
    ok: false,
    error: { code: 'not_allowed', text: { code: 'request.windowNotAllowed' }, message: 'This window may not send commands to the POS' },
  };
  assert.deepEqual(await fake.invoke('pos:command', fromCustomer, 'state.get', {}), refused);
  const iframe = { sender: cashier().webContents, senderFrame: { ...cashier().webContents.mainFrame, parent: {}, routingId: 5, isDestroyed: () => false } };
  assert.deepEqual(await fake.invoke('pos:command', iframe, 'state.get', {}), refused);
  assert.deepEqual(await fake.invoke('pos:command', { sender: cashier().webContents, senderFrame: null }, 'state.get', {}), refused);
  await assert.rejects(fake.invoke('pos:cashier-subscribe', fromCustomer), /not allowed/);
  await assert.rejects(fake.invoke('pos:display-subscribe', fake.eventFrom(cashier())), /not allowed/);

  const reply = (await fake.invoke('pos:command', fake.eventFrom(cashier()), 'state.get', {})) as { ok: boolean; value: { mode: string } };
  assert.equal(reply.ok, true);
  assert.equal(reply.value.mode, 'training');
  // Names and arguments are still the host's to validate.
  const bad = (await fake.invoke('pos:command', fake.eventFrom(cashier()), 'fs.readFile', {})) as { ok: boolean; error: { code: string } };
  assert.deepEqual([bad.ok, bad.error.code], [false, 'invalid_request']);
});

test('over IPC: first start makes the owner; a cashier is refused every owner-only command with the catalog message; the owner signs back in', async () => {
  const till = fake.eventFrom(cashier());
  type Reply = { ok: boolean; value?: unknown; error?: { code: string; text: { code: string } } };
  const send = (name: string, args: object) => fake.invoke('pos:command', till, name, args) as Promise<Reply>;
  const refusal = (reply: Reply) => (reply.ok ? 'accepted' : `${reply.error!.code} ${reply.error!.text.code}`);
  assert.equal(refusal(await send('payment.charge', { amountCents: 100 })), 'sign_in_required auth.ownerFirst');
  // The real host, default PIN hashing: the owner, then a cashier they add.
  const made = await send('auth.createOwner', { name: 'ម្ចាស់ហាង', pin: OWNER_PIN });
  assert.equal(made.ok, true, JSON.stringify(made));
  const owner = (made.value as { user: { id: string } }).user;
  const added = await send('users.add', { name: 'Dara', role: 'cashier', pin: OTHER_PIN });
  assert.equal(added.ok, true, JSON.stringify(added));
  const signedIn = await send('auth.signIn', { userId: (added.value as { id: string }).id, pin: OTHER_PIN });
  assert.equal(signedIn.ok, true, JSON.stringify(signedIn));

  const probes = ownerOnlyProbes();
  assert.ok(probes.length > 15);
  assert.ok(probes.some((p) => p.name === 'sync.pair' && p.refusal === 'auth.ownerOnly'), 'pairing with a back office is the owner\'s');
  for (const probe of probes) {
    assert.equal(refusal(await send(probe.name, probe.args)), `not_allowed ${probe.refusal}`, `${probe.name} ${JSON.stringify(probe.args)}`);
  }
  assert.equal(((await send('settings.get', {})).value as { bakongId: string }).bakongId, '', 'nothing was changed');

  assert.equal((await send('auth.lock', {})).ok, true);
  assert.equal(refusal(await send('payment.charge', { amountCents: 100 })), 'sign_in_required auth.signInFirst');
  assert.equal((await send('auth.signIn', { userId: owner.id, pin: OWNER_PIN })).ok, true);
});

test('a training sale over IPC: charge, QR on the display, simulated payment, paid on both', async () => {
  const till = cashier();
  const display = customer();
  const first = (await fake.invoke('pos:display-subscribe', fake.eventFrom(display))) as { version: number; state: { phase: string } };
  assert.equal(first.state.phase, 'idle');

  const charged = (await fake.invoke('pos:command', fake.eventFrom(till), 'payment.charge', { amountCents: 1050 })) as {
    ok: boolean; value: { id: number; status: string; khqrString: string | null };
  };
  assert.equal(charged.ok, true, JSON.stringify(charged));
  assert.equal(charged.value.status, 'awaiting_payment');
  assert.ok(charged.value.khqrString);

  type Push = { phase?: string; amountCents?: number; current?: { status: string } | null };
  const pushes = (win: fake.FakeWindow, channel: string) =>
    win.webContents.sent.filter((m) => m.channel === channel).map((m) => ({ state: m.args[0] as Push, version: m.args[1] as number }));
  const awaiting = await until('the QR on the display', () => pushes(display, 'pos:display-state').find((p) => p.state.phase === 'awaiting'));
  assert.equal(awaiting.state.amountCents, 1050);
  assert.ok(awaiting.version > first.version);

  const paid = (await fake.invoke('pos:command', fake.eventFrom(till), 'training.simulatePayment', { saleId: charged.value.id })) as { ok: boolean };
  assert.equal(paid.ok, true, JSON.stringify(paid));
  await until('"paid" on the display', () => pushes(display, 'pos:display-state').some((p) => p.state.phase === 'paid'));
  await until('"paid" on the till', () => pushes(till, 'pos:cashier-state').some((p) => p.state.current?.status === 'paid'));

  // Each window only ever received its own kind of state, with versions that never go back.
  assert.deepEqual([...new Set(till.webContents.sent.map((m) => m.channel))], ['pos:cashier-state']);
  assert.deepEqual([...new Set(display.webContents.sent.map((m) => m.channel))], ['pos:display-state']);
  const versions = pushes(display, 'pos:display-state').map((p) => p.version);
  assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
});

test('Export in Electron: export.create over IPC, then a save dialog on the cashier window and the file copied there (0600)', async () => {
  const till = cashier();
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const created = (await fake.invoke('pos:command', fake.eventFrom(till), 'export.create', { format: 'csv', from: today, to: today })) as {
    ok: boolean; value: { exportId: string; fileName: string };
  };
  assert.equal(created.ok, true, JSON.stringify(created));
  const source = join(dataDir, 'exports', created.value.fileName);
  fake.saveDialog.answer = { canceled: true, filePath: undefined };
  assert.equal(await fake.invoke('pos:save-export', fake.eventFrom(till), created.value.exportId), 'cancelled');
  // Only the cashier window, and only a known export id.
  assert.equal(await fake.invoke('pos:save-export', fake.eventFrom(customer()), created.value.exportId), 'failed');
  assert.equal(await fake.invoke('pos:save-export', fake.eventFrom(till), '../../etc/passwd'), 'failed');
  // The owner (or anyone at the till) points the dialog at the ledger, its -wal, or into the data
  // folder: refused, and the ledger is untouched (a copy over it would destroy the sales).
  const ledger = join(dataDir, 'ledger.sqlite3');
  const ledgerBytes = readFileSync(ledger);
  for (const filePath of [ledger, `${ledger}-wal`, join(dataDir, 'exports', 'x.csv'), join(dataDir, 'backups')]) {
    fake.saveDialog.answer = { canceled: false, filePath };
    assert.equal(await fake.invoke('pos:save-export', fake.eventFrom(till), created.value.exportId), 'refused', filePath);
  }
  assert.ok(readFileSync(ledger).equals(ledgerBytes), 'the ledger is untouched');
  const bytes = readFileSync(source);
  const target = join(mkdtempSync(join(tmpdir(), 'pos-save-')), 'mine.csv');
  fake.saveDialog.answer = { canceled: false, filePath: target };
  assert.equal(await fake.invoke('pos:save-export', fake.eventFrom(till), created.value.exportId), 'saved');
  assert.deepEqual(readFileSync(target), bytes);
  assert.equal(statSync(target).mode & 0o777, 0o600);
  const last = fake.saveDialog.shown.at(-1)!;
  assert.equal(last.window, till);
  assert.equal(last.options.defaultPath, created.value.fileName);
  assert.equal(fake.saveDialog.shown.length, 6);
  // Saved where the owner chose: the POS's copy is gone, and the id with it.
  assert.equal(existsSync(source), false, 'the copy in POS_DATA_DIR/exports is deleted once saved');
  assert.equal(await fake.invoke('pos:save-export', fake.eventFrom(till), created.value.exportId), 'failed');
});

test('Pairing in Electron: sync.pair over IPC keeps the back office token only as safeStorage bytes in the data folder (0600), never plain', async () => {
  const token = 'Tk0123456789abcdefghijABCDEFGHIJ_-xyz01234';
  const requests: Array<{ url: string; body: string; authorization?: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      requests.push({ url: req.url ?? '', body, authorization: req.headers.authorization });
      const pairing = req.url === '/api/till/pair';
      res.writeHead(pairing ? 201 : 503, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(pairing ? { token, shop: 'Phsar Thmei', till: 'Front' } : { error: 'internal' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const reply = (await fake.invoke('pos:command', fake.eventFrom(cashier()), 'sync.pair', { url, code: '7KQM-2XHD-P9RT' })) as { ok: boolean; value: { url: string } };
    assert.equal(reply.ok, true, JSON.stringify(reply));
    assert.equal(reply.value.url, url);
    const pairRequest = JSON.parse(requests[0]!.body) as { tillId: string; tillCode: string; pairingCode: string };
    assert.equal(pairRequest.pairingCode, '7KQM-2XHD-P9RT');
    assert.match(pairRequest.tillId, /^[0-9a-f-]{36}$/);
    const stored = join(dataDir, 'secrets', 'backofficeToken.safe');
    const bytes = readFileSync(stored);
    assert.equal(bytes.includes(Buffer.from(token)), false, 'not the token itself');
    assert.equal(fake.safeStorage.decryptString(bytes), token);
    assert.equal(statSync(stored).mode & 0o777, 0o600);
    assert.equal(existsSync(join(dataDir, 'secrets', 'backofficeToken')), false, 'no plain file');
    // The push that follows carries the token the keychain gave back.
    const push = requests.find((r) => r.url === '/api/till/journal');
    assert.equal(push?.authorization, `Bearer ${token}`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test('unplugging the second monitor replaces the full-screen display with a minimised window; re-plugging brings it back', async () => {
  const external = customer();
  fake.setDisplays([PRIMARY]);
  fake.screen.emit('display-removed', {}, SECOND);
  assert.equal(external.destroyed, true, 'the full-screen window is gone at once, before it can land on the till');
  const spare = await until('a spare customer window', () => live('customer'));
  await until('it is minimised', () => spare.minimized);
  assert.equal(spare.options.frame, true);
  assert.equal(spare.fullScreen, false);
  assert.ok(spare.bounds.x >= PRIMARY.workArea.width / 2 && spare.bounds.y >= PRIMARY.workArea.height / 2, 'in the bottom-right corner');
  assert.equal(cashier().destroyed, false);
  // The old window's frame is gone: its messages are refused; the new one is served.
  await assert.rejects(fake.invoke('pos:display-subscribe', fake.eventFrom(external)), /not allowed/);
  assert.ok(await fake.invoke('pos:display-subscribe', fake.eventFrom(spare)));

  fake.setDisplays([PRIMARY, SECOND]);
  fake.screen.emit('display-added', {}, SECOND);
  const back = await until('the display back on the second monitor', () => {
    const w = live('customer');
    return w && w !== spare && w.fullScreen ? w : null;
  });
  assert.equal(spare.destroyed, true);
  assert.deepEqual(back.bounds, SECOND.bounds);
  assert.equal(back.options.frame, false);
});

test('closing the laptop lid (primary gone, the customer monitor now primary) also takes the display off full screen at once', async () => {
  const external = customer();
  assert.equal(external.fullScreen, true);
  fake.setDisplays([SECOND], SECOND.id);
  fake.screen.emit('display-removed', {}, PRIMARY);
  assert.equal(external.destroyed, true);
  const spare = await until('a spare customer window', () => live('customer'));
  await until('it is minimised', () => spare.minimized);
  assert.equal(spare.fullScreen, false);

  fake.setDisplays([PRIMARY, SECOND], PRIMARY.id);
  fake.screen.emit('display-added', {}, PRIMARY);
  await until('the display back on the second monitor', () => {
    const w = live('customer');
    return w && w !== spare && w.fullScreen ? w : null;
  });
});

test('quitting closes the host first, then lets the quit through', async () => {
  const before = fake.record.quits;
  fake.app.quit();
  await until('the second, real quit', () => fake.record.quits === before + 2);
  assert.equal(fake.record.ipcHandlers.size, 0, 'IPC handlers removed');
  assert.equal(fake.record.exitCodes.length, 0);
  assert.equal(fake.record.errorBoxes.length, 0);
});

/**
 * main.ts started in a child process against the fake electron (one display) with `env` added to this
 * process's, then `thenScript` (module code with `fake` in scope) waits and prints one JSON line.
 * Returns the run and its last line of output. SIGKILL on timeout: main.ts answers SIGTERM with
 * app.quit(), which the fake only records.
 */
function mainInChild(env: Record<string, string>, thenScript: string): { run: SpawnSyncReturns<string>; last: string } {
  const script = `
    import { registerHooks } from 'node:module';
    registerHooks({ resolve: (s, c, n) => (s === 'electron' ? { url: ${JSON.stringify(FAKE_URL)}, shortCircuit: true } : n(s, c)) });
    const fake = await import(${JSON.stringify(FAKE_URL)});
    fake.setDisplays([${JSON.stringify(PRIMARY)}]);
    await import(${JSON.stringify(pathToFileURL(MAIN).href)});
    fake.becomeReady();
    ${thenScript}
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
  return { run, last: run.stdout.trim().split('\n').at(-1) ?? '' };
}

test('a bad setting at start shows one plain error box and exits 1', () => {
  const { run, last } = mainInChild({ POS_DATA_DIR: join(dataDir, 'bad'), POS_BAKONG_API_URL: 'ftp://not-a-bakong-api' }, `
    // Until the app exits (recorded, not done, by the fake); the spawn's own timeout catches a hang.
    while (fake.record.exitCodes.length === 0) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setImmediate(r));
    console.log(JSON.stringify({ boxes: fake.record.errorBoxes, exits: fake.record.exitCodes, windows: fake.record.windows.length }));
    process.exit(0);
  `);
  const result = JSON.parse(last) as { boxes: Array<{ title: string; content: string }>; exits: number[]; windows: number };
  assert.equal(result.boxes.length, 1, run.stderr);
  assert.equal(result.boxes[0]!.title, 'KHQR Counter POS could not start');
  assert.match(result.boxes[0]!.content, /POS_BAKONG_API_URL/);
  assert.deepEqual(result.exits, [1]);
  assert.equal(result.windows, 0);
});

/** main.ts started in a child process against the fake electron with `env`, until both windows exist. */
function startedWith(env: Record<string, string>): { menus: Array<{ menu: unknown }>; devTools: unknown[]; keysDropped: boolean[]; errors: unknown[] } {
  const { run, last } = mainInChild(env, `
    // Until both windows exist (or start-up failed); the spawn's own timeout catches a hang.
    while (fake.record.windows.length < 2 && fake.record.errorBoxes.length === 0) await new Promise((r) => setTimeout(r, 20));
    console.log(JSON.stringify({
      menus: fake.record.applicationMenus,
      devTools: fake.record.windows.map((w) => w.options.webPreferences.devTools),
      keysDropped: fake.record.windows.map((w) => fake.pressKey(w, { key: 'I', code: 'KeyI', control: true, shift: true })),
      errors: fake.record.errorBoxes,
    }));
    process.exit(0);
  `);
  assert.ok(last.startsWith('{'), `no result:\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(last) as ReturnType<typeof startedWith>;
}

test('POS_DEVTOOLS=1 (a developer, from a checkout): DevTools, the default menu and its keys', () => {
  const result = startedWith({ POS_DATA_DIR: join(dataDir, 'devtools'), POS_DEVTOOLS: '1' });
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.menus, [], 'the default menu is left in place');
  assert.deepEqual(result.devTools, [true, true]);
  assert.deepEqual(result.keysDropped, [false, false]);
});
