/**
 * The one place that knows the addresses of the extension's pages, and the only code that
 * builds or reads the block, warn and report addresses (a unit test enforces it):
 *
 *   blocked / warn:  <page>?c=<category>#<original URL>      (static baseline: ?c=<category>&baseline=1;
 *                    a tab moved when personal time ended:  ?c=<category>&ended=1#<original URL>)
 *   report:          <page>?kind=<kind>&c=<category>[&at=<epoch ms of the block or warning>]#<URL>
 *   welcome:         <page>[#<original URL>]   (the AUP acceptance gate sends a navigation here)
 *   download:        <page>?d=<token>   (a download the worker stopped; the page asks the worker for the rest)
 *
 * The URL rides in the fragment: it never reaches a server, and DNR can append it with `\0`.
 * It comes from a redirect anyone can imitate, so pages only ever show it as text, and only an
 * http(s) URL is ever navigated to.
 */
export type ExtensionPage = 'blocked' | 'warn' | 'report' | 'welcome' | 'options' | 'popup' | 'download';
export type InterstitialPage = 'blocked' | 'warn';
export type ReportKind = 'inadvertent' | 'misclassified';

/** Path of a page inside the extension package (no leading slash). */
export function pagePath(page: ExtensionPage): string {
  return `extension/pages/${page}/index.html`;
}

const MAX_URL = 8192;
const MAX_CATEGORY = 64;

/** `base` is the extension's own origin with a trailing slash (runtime.getURL('')). */
export function interstitialAddress(base: string, page: InterstitialPage, category: string, url: string, options: { ended?: boolean } = {}): string {
  return `${base}${pagePath(page)}?c=${encodeURIComponent(category)}${options.ended ? '&ended=1' : ''}#${url}`;
}

/** The DNR `regexSubstitution` that sends `^(.*)$` to `page` with the original URL (`\0`) in the fragment. */
export function interstitialSubstitution(base: string, page: InterstitialPage, category: string): string {
  return interstitialAddress(base, page, category, '\\0');
}

/** The welcome (AUP acceptance) page; `url` is where the person was going, if anywhere. */
export function welcomeAddress(base: string, url: string | null): string {
  return `${base}${pagePath('welcome')}${url ? `#${url}` : ''}`;
}

/** The download page for a stopped download: only its token travels (src/protocol/downloads.ts). */
export function downloadAddress(base: string, token: string): string {
  return `${base}${pagePath('download')}?d=${encodeURIComponent(token)}`;
}

/** The token of a download page's address, or null. */
export function downloadTokenOf(search: string): string | null {
  const token = new URLSearchParams(search).get('d');
  return token && /^[0-9a-f-]{36}$/.test(token) ? token : null;
}

/** The DNR `regexSubstitution` of the acceptance gate: the welcome page with the original URL (`\0`). */
export function welcomeSubstitution(base: string): string {
  return welcomeAddress(base, '\\0');
}

/**
 * The block page of the static baseline ruleset, as a DNR `extensionPath`: static rules cannot
 * name the extension's origin (Firefox gives each install its own), so the original URL is not
 * carried; the page says so.
 */
export function baselineBlockPath(category: string): string {
  return `/${pagePath('blocked')}?c=${encodeURIComponent(category)}&baseline=1`;
}

/** `kind` null: the person chooses (the popup's "Report this site" does not know why). */
export function reportAddress(base: string, kind: ReportKind | null, category: string, url: string | null, at?: number): string {
  const when = at === undefined ? '' : `&at=${Math.trunc(at)}`;
  return `${base}${pagePath('report')}?kind=${kind ?? ''}&c=${encodeURIComponent(category)}${when}#${url ?? ''}`;
}

/** What a block, warn or report page learns from its own address. */
export type PageLocation = {
  category: string;
  /** The original URL when it is a web URL of sane size, else null. */
  url: string | null;
  /** `url` without userinfo, for display; '' when there is none. */
  displayUrl: string;
  /** Sent by the static baseline (no original URL). */
  baseline: boolean;
  /** Report page only. */
  kind: ReportKind | null;
  /** The tab was open on this site when personal time ended (the page says so). */
  ended: boolean;
  /** Report page: when the block or warning was shown (epoch ms), if the page that links here knew. */
  at: number | null;
};

export function parsePageLocation(search: string, hash: string): PageLocation {
  const params = new URLSearchParams(search);
  const category = (params.get('c') ?? '').slice(0, MAX_CATEGORY);
  const kindParam = params.get('kind');
  const kind: ReportKind | null = kindParam === 'inadvertent' || kindParam === 'misclassified' ? kindParam : null;
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  let url: string | null = null;
  if (raw && raw.length <= MAX_URL) {
    try {
      const parsed = new URL(raw);
      if (parsed.protocol === 'http:' || parsed.protocol === 'https:') url = parsed.href;
    } catch {
      url = null;
    }
  }
  return { category, url, displayUrl: url ? withoutSecrets(url) : '', baseline: params.get('baseline') === '1', kind, ended: params.get('ended') === '1', at: epochParam(params.get('at')) };
}

/** A plausible epoch-ms value (2020 to 2100), else null: the address can be typed by anyone. */
function epochParam(text: string | null): number | null {
  if (!text || !/^\d{13}$/.test(text)) return null;
  const ms = Number(text);
  return ms >= Date.UTC(2020, 0, 1) && ms < Date.UTC(2100, 0, 1) ? ms : null;
}

/** Userinfo (user:password@) never appears on screen or in a report. */
export function withoutSecrets(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.href;
  } catch {
    return '';
  }
}
