import type { CompiledPolicy } from '../policy/compiled-schema.ts';
import type { SafeSearchSettings } from '../policy/downloads-schema.ts';
import { ALL_RESOURCE_TYPES, type ResourceType } from '../decide/resource-types.ts';
import { hostFromUrl, hostSuffixes } from '../match/host.ts';
import { RULE_ID } from './ids.ts';
import type { RuleSpec } from './compile-rules.ts';
import type { DnrRule } from './types.ts';

/**
 * Safe search as DNR rules, and `safeSearchUrl`, the same rewrite in code (`aup explain`,
 * `aup test`, and the differential test that holds the two together: safe-search.agree.test.ts).
 *
 * Each engine gets one redirect whose `queryTransform` REMOVES every occurrence of the engine's
 * parameter and then ADDS the safe value. Both, because `addOrReplaceParams` alone replaces only
 * the first occurrence (Chromium's ruleset_matcher tests and Firefox's ExtensionDNR.sys.mjs):
 * `?safe=off&safe=off` would become `?safe=active&safe=off`, and which one the engine honours is
 * the engine's business. Removed and re-added, the parameter occurs once, last, with our value.
 *
 * No loop: the transform is idempotent — applied to its own result it gives the same URL — and
 * both browsers skip a redirect that does not change the URL (Chromium: "No redirect is performed
 * since the url won't change"; Firefox: `preRedirectUri.equals(redirectUri)` → no redirect). So
 * the redirected request matches the rule again and goes ahead unchanged: one redirect at most,
 * none when the parameter is already the last one with our value. No "already safe" exclusion is
 * needed (RE2 has no negative look-ahead to write one), and none could cope with duplicates.
 *
 * Priorities. In Firefox a matching redirect that changes nothing still *wins*: lower rules are
 * not considered. So the redirects sit BELOW every block and warn rule (150 < warn 200), or a
 * search host ICT blocks would be let through once its URL was already safe. The price: an
 * allow rule outranks them — an exemption (900) or a warn-page Continue (250) for a search host
 * means no rewrite there (`aup check` warns about such exemptions: safeSearchGaps). The YouTube
 * header is a `modifyHeaders` rule, which never competes with block or redirect; the browsers
 * apply it only when its priority is above any matching allow rule's, hence 950.
 */

export type Engine = 'google' | 'bing' | 'duckduckgo';

export const SAFE_SEARCH_PRIORITY = 150;
export const YOUTUBE_RESTRICT_PRIORITY = 950;

/** Search pages and the XHRs that fetch more results on them; images, scripts and styles are not searches. */
export const SEARCH_RESOURCE_TYPES: readonly ResourceType[] = ['main_frame', 'sub_frame', 'xmlhttprequest'];

type EngineRule = {
  engine: Engine;
  title: string;
  /** RE2 and JavaScript agree on this subset (no look-around); matched without case, as the rule says. */
  regexFilter: string;
  param: { key: string; value: string };
  /** Hosts that certainly match (for `aup check`'s exemption warning and the tests). */
  sampleHosts: readonly string[];
};

const PORT = '(?::[0-9]+)?';
const END = '(?:[?#]|$)';

/** Order matters: an engine's index is its rule id offset. */
export const SAFE_SEARCH_RULES: readonly EngineRule[] = [
  {
    engine: 'google',
    title: 'Google SafeSearch',
    // www.google.<tld>, .co.<cc>, .com.<cc>: every Google country domain, without listing 190 of them.
    regexFilter: `^https?://(?:www\\.)?google\\.(?:[a-z]{2,3}|co\\.[a-z]{2}|com\\.[a-z]{2})${PORT}/(?:search|images|imghp|imgres|webhp)${END}`,
    param: { key: 'safe', value: 'active' },
    sampleHosts: ['www.google.com', 'google.com', 'www.google.co.uk', 'www.google.com.au', 'www.google.de'],
  },
  {
    engine: 'bing',
    title: 'Bing SafeSearch',
    regexFilter: `^https?://(?:www\\.|cn\\.)?bing\\.com${PORT}/(?:search|images/search|videos/search|news/search)${END}`,
    param: { key: 'adlt', value: 'strict' },
    sampleHosts: ['www.bing.com', 'bing.com', 'cn.bing.com'],
  },
  {
    engine: 'duckduckgo',
    title: 'DuckDuckGo safe search',
    // Results are asked for at the root (and the HTML and lite versions): `kp=1` is strict.
    regexFilter: `^https?://(?:www\\.|html\\.|lite\\.)?duckduckgo\\.com${PORT}/(?:html/?|lite/?)?${END}`,
    param: { key: 'kp', value: '1' },
    sampleHosts: ['duckduckgo.com', 'html.duckduckgo.com', 'lite.duckduckgo.com'],
  },
];

/** Google's list of YouTube hosts that honour the header (support.google.com/a/answer/6214622). */
export const YOUTUBE_HOSTS: readonly string[] = ['www.youtube.com', 'm.youtube.com', 'youtubei.googleapis.com', 'youtube.googleapis.com', 'www.youtube-nocookie.com'];
export const YOUTUBE_HEADER = 'YouTube-Restrict';

function youtubeValue(settings: SafeSearchSettings): string | null {
  return settings.youtube === 'strict' ? 'Strict' : settings.youtube === 'moderate' ? 'Moderate' : null;
}

function redirectRule(index: number, e: EngineRule): DnrRule {
  return {
    id: RULE_ID.safeSearch + index,
    priority: SAFE_SEARCH_PRIORITY,
    action: { type: 'redirect', redirect: { transform: { queryTransform: { removeParams: [e.param.key], addOrReplaceParams: [{ key: e.param.key, value: e.param.value }] } } } },
    condition: { regexFilter: e.regexFilter, isUrlFilterCaseSensitive: false, resourceTypes: [...SEARCH_RESOURCE_TYPES] },
  };
}

/**
 * The safe-search rules for a group's settings (session scope: small, and they follow the group).
 * `everyResourceType`: as for the category rules, so the header reaches every kind of request.
 */
export function safeSearchRuleSpecs(settings: SafeSearchSettings, everyResourceType?: readonly string[]): RuleSpec[] {
  const out: RuleSpec[] = [];
  SAFE_SEARCH_RULES.forEach((e, index) => {
    if (!settings[e.engine]) return;
    const rule = redirectRule(index, e);
    out.push({ id: rule.id, key: `safe-search|${e.engine}|${JSON.stringify(rule)}`, scope: 'session', category: null, make: () => rule });
  });
  const value = youtubeValue(settings);
  if (value !== null) {
    const rule: DnrRule = {
      id: RULE_ID.safeSearch + SAFE_SEARCH_RULES.length,
      priority: YOUTUBE_RESTRICT_PRIORITY,
      action: { type: 'modifyHeaders', requestHeaders: [{ header: YOUTUBE_HEADER, operation: 'set', value }] },
      condition: { requestDomains: [...YOUTUBE_HOSTS], resourceTypes: [...((everyResourceType as ResourceType[] | undefined) ?? ALL_RESOURCE_TYPES)] },
    };
    out.push({ id: rule.id, key: `safe-search|youtube|${JSON.stringify(rule)}`, scope: 'session', category: null, make: () => rule });
  }
  return out;
}

/** The rules themselves (tests, `aup explain`). */
export function safeSearchRules(settings: SafeSearchSettings, everyResourceType?: readonly string[]): DnrRule[] {
  return safeSearchRuleSpecs(settings, everyResourceType).map((s) => s.make([])!);
}

export type SafeSearchRewrite = {
  /** The URL the browser ends up requesting (equal to the input when nothing applies). */
  url: string;
  engine: Engine | null;
  changed: boolean;
  /** The request header YouTube receives, if any. */
  header: { name: string; value: string } | null;
};

/**
 * What the rules do to a page's URL, in code: the engine's parameter removed wherever it occurs
 * (compared as written, like the browsers do), then appended once with the safe value; every
 * other parameter kept as it was, in order. The query is split on `&` without decoding, so
 * nothing the user wrote is re-encoded.
 */
export function safeSearchUrl(url: string, settings: SafeSearchSettings): SafeSearchRewrite {
  const host = hostFromUrl(url);
  const suffixes = host.ok ? hostSuffixes(host.host) : [];
  const value = youtubeValue(settings);
  const header = value !== null && YOUTUBE_HOSTS.some((h) => suffixes.includes(h)) ? { name: YOUTUBE_HEADER, value } : null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url, engine: null, changed: false, header };
  }
  const href = parsed.href;
  const e = SAFE_SEARCH_RULES.find((r) => settings[r.engine] && new RegExp(r.regexFilter, 'i').test(href));
  if (!e) return { url: href, engine: null, changed: false, header };
  // Split by hand: URL.search is '' for a bare '?', which href still carries.
  const hashAt = href.indexOf('#');
  const beforeHash = hashAt === -1 ? href : href.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  const query = queryAt === -1 ? '' : beforeHash.slice(queryAt + 1);
  const kept = query === '' ? [] : query.split('&').filter((part) => part.split('=', 1)[0] !== e.param.key);
  const base = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  const rewritten = `${base}?${[...kept, `${e.param.key}=${e.param.value}`].join('&')}${hashAt === -1 ? '' : href.slice(hashAt)}`;
  return { url: rewritten, engine: e.engine, changed: rewritten !== href, header };
}

/**
 * Where an exemption's allow rule outranks a group's safe-search redirect (see the priorities
 * above): an exempted host that an enabled engine's rule would rewrite.
 */
export function safeSearchGaps(policy: CompiledPolicy): Array<{ exemption: string; host: string; group: string; engine: Engine }> {
  const gaps: Array<{ exemption: string; host: string; group: string; engine: Engine }> = [];
  for (const [group, settings] of Object.entries(policy.safeSearch)) {
    for (const exemption of policy.exemptions) {
      if (exemption.groups && !exemption.groups.includes(group)) continue;
      for (const e of SAFE_SEARCH_RULES) {
        if (!settings[e.engine]) continue;
        const covered = e.sampleHosts.find((h) => hostSuffixes(h).some((s) => exemption.hosts.includes(s)));
        if (covered) gaps.push({ exemption: exemption.id, host: covered, group, engine: e.engine });
      }
    }
  }
  return gaps;
}
