/** The sign-in page: a name and a password, and why the last attempt was refused (in words, never which part was wrong). */
import { html, type Html } from '../html.ts';
import { page, t, type PageContext } from '../layout.ts';

export function loginPage(ctx: PageContext, refusal: { kind: 'wrong' } | { kind: 'wait'; seconds: number } | null = null, name = ''): Html {
  const message = refusal === null ? undefined
    : refusal.kind === 'wrong' ? t(ctx, 'login.wrong') : t(ctx, 'login.wait', { seconds: refusal.seconds });
  return page(ctx, t(ctx, 'login.title'), html`
<form method="post" action="/login" class="login">
  <label>${t(ctx, 'login.name')} <input name="name" autocomplete="username" required maxlength="100" value="${name}"></label>
  <label>${t(ctx, 'login.password')} <input name="password" type="password" autocomplete="current-password" required maxlength="1000"></label>
  <button type="submit">${t(ctx, 'login.submit')}</button>
</form>`, message ? { status: 'error', message } : {});
}
