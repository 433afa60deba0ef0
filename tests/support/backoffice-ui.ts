/**
 * Driving the back office UI over real HTTP without a browser (the Playwright tests use Chromium):
 * people added as the CLI adds them, sign-in with the session cookie kept, forms posted with an
 * Origin header as a browser sends it, and a real till ledger's rows pushed through the ingest endpoint.
 */
import type { Pool } from '../../src/backoffice/db.ts';
import type { WireRow } from '../../src/backoffice/journal-rows.ts';
import { addUser, type Role } from '../../src/backoffice/users.ts';
import { post } from './backoffice.ts';

export const PASSWORD = 'correct horse battery staple';

export async function addTestUser(pool: Pool, name: string, role: Role, password = PASSWORD): Promise<void> {
  await addUser(pool, name, role, password);
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

async function answer(response: Response): Promise<Answer> {
  return { status: response.status, headers: response.headers, text: await response.text() };
}

export async function getPage(url: string, path: string, cookie?: string): Promise<Answer> {
  return answer(await fetch(`${url}${path}`, { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} }));
}

/** Posts a form as a browser does from a page of `origin` (default: the service's own). */
export async function postForm(url: string, path: string, fields: Record<string, string>, options: { cookie?: string; origin?: string | null } = {}): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const origin = options.origin === undefined ? url : options.origin;
  if (origin !== null) headers.Origin = origin;
  if (options.cookie) headers.Cookie = options.cookie;
  return answer(await fetch(`${url}${path}`, { method: 'POST', redirect: 'manual', headers, body: new URLSearchParams(fields).toString() }));
}

/** The session cookie (name=value) a successful sign-in set, or null; with the whole answer. */
export async function signInHttp(url: string, name: string, password = PASSWORD): Promise<{ cookie: string | null; answer: Answer }> {
  const result = await postForm(url, '/login', { name, password });
  const set = result.headers.getSetCookie().find((c) => c.startsWith('__Host-backoffice-session='));
  return { cookie: set ? set.split(';')[0]! : null, answer: result };
}

/** Pushes every row through the real ingest endpoint, in batches as a till would. */
export async function pushRows(url: string, token: string, rows: readonly WireRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const answer = await post(`${url}/api/till/journal`, { rows: rows.slice(i, i + 500) }, token);
    if (answer.status !== 200) throw new Error(`push refused: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}
