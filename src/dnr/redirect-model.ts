import { hostSuffixes } from '../match/host.ts';
import type { ResourceType } from '../decide/resource-types.ts';
import type { DnrRule, QueryTransform } from './types.ts';

/**
 * A model of what Chromium and Firefox do with a URL under redirect-transform and modifyHeaders
 * rules (safe search), for tests — the companion of evaluate-dnr.ts, which models host rules.
 * Written from the browsers' sources, not from our rewrite: Chromium's ruleset matcher tests and
 * Firefox's ExtensionDNR.sys.mjs (`applyQueryTransform`, `applyRedirect`):
 *  - `removeParams` drops every part whose key (as written) is listed; `addOrReplaceParams`
 *    replaces the first remaining part with that key, each entry once, then appends the unused
 *    entries (unless `replaceOnly`);
 *  - a redirect that does not change the URL is not performed. Where the two browsers differ:
 *    Firefox lets that rule win anyway (the request goes ahead, lower rules unseen), Chromium
 *    drops it and looks at the next rule. `semantics` picks one; our rules must not care;
 *  - modifyHeaders rules apply to a request that goes ahead, when their priority is above the
 *    priority of a matching allow rule (if any).
 */
export type Semantics = 'chromium' | 'firefox';

export function applyQueryTransform(query: string, transform: QueryTransform): string {
  const remove = new Set(transform.removeParams ?? []);
  const unused = [...(transform.addOrReplaceParams ?? [])];
  const out: string[] = [];
  for (const part of query === '' ? [] : query.split('&')) {
    const key = part.split('=', 1)[0]!;
    if (remove.has(key)) continue;
    const i = unused.findIndex((p) => p.key === key);
    if (i === -1) out.push(part);
    else {
      out.push(`${key}=${unused[i]!.value}`);
      unused.splice(i, 1);
    }
  }
  for (const p of unused) if (!p.replaceOnly) out.push(`${p.key}=${p.value}`);
  return out.join('&');
}

function matches(rule: DnrRule, url: URL, type: ResourceType): boolean {
  const c = rule.condition;
  if (c.resourceTypes ? !c.resourceTypes.includes(type) : type === 'main_frame') return false;
  if (c.requestDomains && !hostSuffixes(url.hostname.replace(/^\[|\]$/g, '')).some((s) => c.requestDomains!.includes(s))) return false;
  if (c.regexFilter && !new RegExp(c.regexFilter, c.isUrlFilterCaseSensitive === false ? 'i' : '').test(url.href)) return false;
  return true;
}

const RANK: Record<DnrRule['action']['type'], number> = { allow: 0, block: 1, redirect: 2, modifyHeaders: 3 };

/** The URL a redirect rule sends the request to, or null when it cannot say (not a transform). */
function redirected(rule: DnrRule, url: URL): string | null {
  if (rule.action.type !== 'redirect' || !('transform' in rule.action.redirect)) return null;
  const next = new URL(url.href);
  const query = applyQueryTransform(url.search.slice(1), rule.action.redirect.transform.queryTransform);
  next.search = query === '' ? '' : `?${query}`;
  return next.href;
}

export type Outcome =
  | { kind: 'request'; url: string; redirects: number; headers: Record<string, string> }
  | { kind: 'blocked' | 'other-redirect'; rule: number; redirects: number }
  | { kind: 'loop'; redirects: number };

/** Follow the rules from `start` until a request goes out (or is stopped), as the browser would. */
export function browse(rules: readonly DnrRule[], start: string, type: ResourceType, semantics: Semantics, maxRedirects = 10): Outcome {
  let url = new URL(start);
  for (let redirects = 0; redirects <= maxRedirects; redirects++) {
    const matching = rules.filter((r) => matches(r, url, type));
    const ranked = matching.filter((r) => r.action.type !== 'modifyHeaders').sort((a, b) => b.priority - a.priority || RANK[a.action.type] - RANK[b.action.type]);
    let winner: DnrRule | undefined;
    let target: string | null = null;
    for (const rule of ranked) {
      if (rule.action.type === 'redirect') {
        target = redirected(rule, url);
        if (target === null) return { kind: 'other-redirect', rule: rule.id, redirects };
        if (target === url.href && semantics === 'chromium') continue; // no change: not a candidate
      }
      winner = rule;
      break;
    }
    if (winner?.action.type === 'block') return { kind: 'blocked', rule: winner.id, redirects };
    if (winner?.action.type === 'redirect' && target !== url.href) {
      url = new URL(target!);
      continue;
    }
    const threshold = winner?.action.type === 'allow' ? winner.priority : 0;
    const headers: Record<string, string> = {};
    for (const r of matching) {
      if (r.action.type === 'modifyHeaders' && r.priority > threshold) for (const h of r.action.requestHeaders) headers[h.header] = h.value;
    }
    return { kind: 'request', url: url.href, redirects, headers };
  }
  return { kind: 'loop', redirects: maxRedirects };
}
