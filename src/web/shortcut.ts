/**
 * The cashier shortcut: a small HTML file in the data directory that opens the keyed cashier
 * address, for a cashier who lost the address `npm run web` printed (closed tab, browser restart,
 * a bookmark without the key). It carries the key, so it is readable by this user only (0600), like
 * the key file itself; it is rewritten at every start, since the port may change.
 */
import { chmodSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SHORTCUT_NAME = 'open-cashier.html';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The shortcut's page: an immediate redirect, and a link in case redirects from files are blocked. */
export function shortcutHtml(cashierUrl: string): string {
  const url = escapeHtml(cashierUrl);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0; url=${url}">
<title>Open the till · KHQR Counter POS</title>
</head>
<body>
<p><a href="${url}">Open the till (cashier screen)</a></p>
</body>
</html>
`;
}

/** Writes (or replaces) the shortcut in `dataDir`, mode 0600 whatever was there before. Returns its path. */
export function writeCashierShortcut(dataDir: string, cashierUrl: string): string {
  const file = join(dataDir, SHORTCUT_NAME);
  const temp = `${file}.tmp`;
  writeFileSync(temp, shortcutHtml(cashierUrl), { mode: 0o600 });
  chmodSync(temp, 0o600); // an old temp file keeps its mode on write
  renameSync(temp, file);
  return file;
}
