/**
 * What the block and warn pages learn from their own address: `?c=<category>#<original URL>`.
 * The URL comes from a redirect anyone can imitate, so it is only ever shown as text, and only
 * an http(s) URL is ever navigated to.
 */
export type RedirectLocation = { category: string; url: string | null; displayUrl: string; baseline: boolean };

const MAX_URL = 8192;

export function parseRedirectLocation(search: string, hash: string): RedirectLocation {
  const params = new URLSearchParams(search);
  const category = (params.get('c') ?? '').slice(0, 64);
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
  return { category, url, displayUrl: url ? withoutSecrets(url) : '', baseline: params.get('baseline') === '1' };
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
