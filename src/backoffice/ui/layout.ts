/** The frame of every back office page: its language, title, navigation, the signed-in person and sign-out. */
import { html, type Html } from './html.ts';
import { uiText, type UiLanguage, type UiMessageCode } from './messages.ts';
import type { SignedIn } from './sessions.ts';
import type { MessageParams } from '../../shared/messages/index.ts';

export interface PageContext {
  lang: UiLanguage;
  user: SignedIn | null;
  /** The request's path and query, so the language switch comes back to the same page. */
  here: string;
}

export const t = (ctx: Pick<PageContext, 'lang'>, code: UiMessageCode, params?: MessageParams): string => uiText(ctx.lang, code, params);

export function page(ctx: PageContext, title: string, body: Html, options: { status?: 'error' | 'note'; message?: string } = {}): Html {
  const other = ctx.lang === 'en' ? 'km' : 'en';
  const nav = ctx.user
    ? html`<nav>
        <a href="/">${t(ctx, 'nav.today')}</a>
        <a href="/tills">${t(ctx, 'nav.tills')}</a>
        <a href="/export">${t(ctx, 'nav.export')}</a>
        <span class="who">${t(ctx, 'app.signedInAs', { name: ctx.user.name, role: t(ctx, ctx.user.role === 'owner' ? 'role.owner' : 'role.accountant') })}</span>
        <form method="post" action="/logout"><button type="submit">${t(ctx, 'nav.signOut')}</button></form>
      </nav>`
    : '';
  return html`<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t(ctx, 'app.title')}</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<header>
  <strong class="brand">${t(ctx, 'app.title')}</strong>
  ${nav}
  <form method="post" action="/language" class="language">
    <input type="hidden" name="language" value="${other}">
    <input type="hidden" name="back" value="${ctx.here}">
    <button type="submit" lang="${other}">${t(ctx, 'nav.language')}</button>
  </form>
</header>
<main>
<h1>${title}</h1>
${options.message ? html`<p class="${options.status ?? 'note'}" role="${options.status === 'error' ? 'alert' : 'status'}">${options.message}</p>` : ''}
${body}
</main>
</body>
</html>
`;
}
