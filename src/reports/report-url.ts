/**
 * The address a report carries, as little as still says where: no user name or password ever,
 * no fragment, and no query string unless the person chooses to keep it (queries can carry
 * search terms, tokens and other personal data). "Site only" keeps just the scheme and host.
 */
export type UrlScope = 'page' | 'site';

export function reportableUrl(url: string, options: { scope: UrlScope; keepQuery: boolean }): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.username = '';
  u.password = '';
  u.hash = '';
  if (options.scope === 'site') return `${u.protocol}//${u.host}/`;
  if (!options.keepQuery) u.search = '';
  return u.href.length <= 2048 ? u.href : `${u.protocol}//${u.host}${u.pathname}`.slice(0, 2048);
}
