/**
 * The back office UI's pages and forms (docs/backoffice.md, "The back office UI"), server-rendered
 * HTML with no script:
 *
 *   GET  /login, POST /login, POST /logout, POST /language
 *   GET  /                    takings on a business date (?date=YYYY-MM-DD; default today in Phnom Penh)
 *   GET  /tills               tills and their sync state; POST /tills (owner) makes a till and its pairing code
 *   GET  /tills/:id           a till's shifts and Z reports, recomputed and compared
 *   POST /tills/:id/code      (owner) a new pairing code;  POST /tills/:id/revoke (owner) revokes its token
 *   GET  /export              the export form; ?from&to&format=csv|xlsx streams the file
 *   GET  /static/…            the style sheet and fonts
 *
 * Every POST must come from this origin (security.ts) and, but for /login and /language, from a
 * signed-in person; owner-only forms refuse an accountant with 403 before reading anything else.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { businessDate, businessDayStart } from '../../shared/business-date.ts';
import type { Pool } from '../db.ts';
import { addTill, newCodeFor, revokeTill, TillProblem } from '../tills.ts';
import { BadForm, field, readForm } from './forms.ts';
import type { Html } from './html.ts';
import { html } from './html.ts';
import { page, t, type PageContext } from './layout.ts';
import { LANGUAGES, type UiLanguage, type UiMessageCode } from './messages.ts';
import { phnomPenhTime } from './pages/format.ts';
import { loginPage } from './pages/login.ts';
import { tillPage } from './pages/till.ts';
import { tillsPage } from './pages/tills.ts';
import { todayPage } from './pages/today.ts';
import { LANGUAGE_COOKIE, readCookie, sameOrigin, securityHeaders, SESSION_COOKIE, setCookie } from './security.ts';
import { sessionUser, SESSION_LIFETIME_MS, signIn, signOut } from './sessions.ts';
import { foldTill, listTills } from './till-rows.ts';
import { staticFile } from './static.ts';
import { exportPage, sendExport } from './export.ts';

export interface UiOptions {
  pool: Pool;
  now: () => Date;
  /** Whether the service speaks HTTPS (the origin's scheme). */
  tls: boolean;
  /** Whether it listens on loopback (then the Host must be a loopback name). */
  loopback: boolean;
}

const YEAR_SECONDS = 365 * 24 * 60 * 60;

function send(res: ServerResponse, status: number, body: Html, extra: Record<string, string> = {}): void {
  const text = body.text;
  res.writeHead(status, {
    ...securityHeaders(),
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

function redirect(res: ServerResponse, to: string): void {
  res.writeHead(303, { ...securityHeaders(), Location: to, 'Cache-Control': 'no-store', 'Content-Length': 0 });
  res.end();
}

function message(ctx: PageContext, res: ServerResponse, status: number, code: UiMessageCode): void {
  send(res, status, page(ctx, t(ctx, code), html``, { status: 'error', message: t(ctx, code) }));
}

/** A same-site path to come back to (never another origin: no scheme, no `//`, no backslash). */
const safeBack = (back: string | null): string => (back && /^\/(?![/\\])[^\s\\]*$/.test(back) ? back : '/');

function language(req: IncomingMessage): UiLanguage {
  const chosen = readCookie(req, LANGUAGE_COOKIE);
  return (LANGUAGES as readonly string[]).includes(chosen ?? '') ? (chosen as UiLanguage) : 'en';
}

const TILL_PROBLEMS: Record<TillProblem['reason'], UiMessageCode> = {
  name_length: 'tills.nameLength', name_taken: 'tills.nameTaken', already_paired: 'tills.alreadyPaired', no_such_till: 'error.notFound',
};

/** Handles a UI request; false when `path` is not the UI's (the caller answers it). */
export async function uiRoute(req: IncomingMessage, res: ServerResponse, options: UiOptions): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://backoffice');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const { pool, now } = options;

  if (path.startsWith('/static/')) {
    const file = method === 'GET' ? staticFile(path) : null;
    if (!file) return false;
    res.writeHead(200, { ...securityHeaders(), 'Content-Type': file.type, 'Content-Length': file.body.length, 'Cache-Control': 'public, max-age=3600' });
    res.end(file.body);
    return true;
  }
  const isUiPath = path === '/' || path === '/login' || path === '/logout' || path === '/language' || path === '/export' || path === '/tills' || path.startsWith('/tills/');
  if (!isUiPath) return false;

  const token = readCookie(req, SESSION_COOKIE);
  const user = await sessionUser(pool, token, now());
  const ctx: PageContext = { lang: language(req), user, here: `${path}${url.search}` };

  if (method === 'POST') {
    if (!sameOrigin(req, options.tls, options.loopback)) {
      message(ctx, res, 403, 'error.origin');
      return true;
    }
    let form: URLSearchParams;
    try {
      form = await readForm(req);
    } catch (error) {
      if (!(error instanceof BadForm)) throw error;
      message(ctx, res, 400, 'error.badRequest');
      return true;
    }
    if (path === '/language') {
      const chosen = field(form, 'language');
      if ((LANGUAGES as readonly string[]).includes(chosen ?? '')) setCookie(res, LANGUAGE_COOKIE, chosen!, YEAR_SECONDS);
      redirect(res, safeBack(field(form, 'back')));
      return true;
    }
    if (path === '/login') {
      const name = field(form, 'name') ?? '';
      const password = form.get('password') ?? '';
      const result = await signIn(pool, name, password, req.socket.remoteAddress ?? 'unknown', now());
      if (result.ok) {
        setCookie(res, SESSION_COOKIE, result.token, SESSION_LIFETIME_MS / 1000);
        redirect(res, '/');
      } else if (result.reason === 'wait') {
        send(res, 429, loginPage(ctx, { kind: 'wait', seconds: Math.ceil(result.waitMs / 1000) }, name), { 'Retry-After': String(Math.ceil(result.waitMs / 1000)) });
      } else {
        send(res, 401, loginPage(ctx, { kind: 'wrong' }, name));
      }
      return true;
    }
    if (!user) {
      redirect(res, '/login');
      return true;
    }
    if (path === '/logout') {
      await signOut(pool, user.tokenHash);
      setCookie(res, SESSION_COOKIE, '', 0);
      redirect(res, '/login');
      return true;
    }
    if (user.role !== 'owner') {
      message(ctx, res, 403, 'error.forbidden');
      return true;
    }
    await ownerPost(ctx, res, options, path, form);
    return true;
  }

  if (method !== 'GET' && method !== 'HEAD') {
    message(ctx, res, 405, 'error.badRequest');
    return true;
  }
  if (path === '/login') {
    if (user) redirect(res, '/');
    else send(res, 200, loginPage(ctx));
    return true;
  }
  if (!user) {
    redirect(res, '/login');
    return true;
  }
  if (path === '/') {
    const asked = url.searchParams.get('date');
    const date = asked !== null && businessDayStart(asked) !== null ? asked : businessDate(now().getTime());
    send(res, 200, await todayPage(ctx, pool, date));
    return true;
  }
  if (path === '/tills') {
    send(res, 200, tillsPage(ctx, await listTills(pool)));
    return true;
  }
  if (path === '/export') {
    const today = businessDate(now().getTime());
    if (url.searchParams.has('from')) await sendExport(ctx, req, res, pool, url.searchParams, today);
    else send(res, 200, exportPage(ctx, today));
    return true;
  }
  const match = /^\/tills\/(\d{1,15})$/.exec(path);
  const [till] = match ? await listTills(pool, { tillId: Number(match[1]) }) : [];
  if (!till) {
    message(ctx, res, 404, 'error.notFound');
    return true;
  }
  send(res, 200, tillPage(ctx, till, await foldTill(pool, till)));
  return true;
}

async function ownerPost(ctx: PageContext, res: ServerResponse, { pool, now }: UiOptions, path: string, form: URLSearchParams): Promise<void> {
  const tillsWith = async (notice: { status: 'error' | 'note'; message: string; code?: string }, status = 200): Promise<void> =>
    send(res, status, tillsPage(ctx, await listTills(pool), notice));
  try {
    if (path === '/tills') {
      const shop = field(form, 'shop') ?? '';
      const name = field(form, 'name') ?? '';
      const issued = await addTill(pool, shop, name, now());
      return await tillsWith({ status: 'note', message: t(ctx, 'tills.codeIssued', { till: name, shop, time: phnomPenhTime(issued.expiresAt) }), code: issued.code }, 201);
    }
    const match = /^\/tills\/(\d{1,15})\/(code|revoke)$/.exec(path);
    const [till] = match ? await listTills(pool, { tillId: Number(match[1]) }) : [];
    if (!match || !till) return message(ctx, res, 404, 'error.notFound');
    if (match[2] === 'code') {
      const issued = await newCodeFor(pool, till.shop, till.name, now());
      return await tillsWith({ status: 'note', message: t(ctx, 'tills.codeIssued', { till: till.name, shop: till.shop, time: phnomPenhTime(issued.expiresAt) }), code: issued.code });
    }
    await revokeTill(pool, till.id, now());
    return await tillsWith({ status: 'note', message: t(ctx, 'tills.revokedNow', { till: till.name }) });
  } catch (error) {
    if (!(error instanceof TillProblem)) throw error;
    return await tillsWith({ status: 'error', message: t(ctx, TILL_PROBLEMS[error.reason]) }, 400);
  }
}
