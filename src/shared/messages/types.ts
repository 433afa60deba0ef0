/**
 * Messages the host sends to people (cashier banners, payment problems, printer states, settings
 * validation). The host never sends sentences: it sends a code from the catalog (./index.ts) and the
 * values to fill in, and each screen shows the catalog's text in its own language. Values are
 * things the POS itself produced or validated (an HTTP status, an account ID that passed its
 * pattern, a number): never free text from the API, a printer or a request, so nothing from outside
 * reaches a screen or a stored field word for word. Runs everywhere: plain data.
 */

/** One message in both languages. `{name}` placeholders must be the same in both. */
export interface Bilingual {
  en: string;
  km: string;
}

export type MessageParams = Readonly<Record<string, string | number>>;

/** A catalog of messages for one area of the host; keys are `<area>.<what>`, e.g. `api.redirect`. */
export type Catalog = Readonly<Record<string, Bilingual>>;
