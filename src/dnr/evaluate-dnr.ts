import { hostSuffixes } from '../match/host.ts';
import type { ResourceType } from '../decide/resource-types.ts';
import { parsePageLocation } from '../protocol/page-location.ts';
import type { DnrRule } from './types.ts';

/**
 * A small model of how Chrome and Firefox apply the declarativeNetRequest rules AUP Guard
 * writes, so tests can check the compiled rules against `decide()` without a browser:
 *  - `requestDomains` (and `excludedRequestDomains`) matches the host and its subdomains; AUP
 *    Guard's only `regexFilter`s match every http(s) URL, and the model sees nothing else; `tabIds` the tab; a rule without
 *    `resourceTypes` matches every type except main_frame;
 *  - the highest priority wins; at equal priority allow beats block beats redirect
 *    (Chrome's documented order; Firefox follows it).
 */
export type DnrOutcome = { verdict: 'block' | 'warn' | 'welcome' | 'pass'; categories: string[] };

function applies(rule: DnrRule, suffixes: readonly string[], type: ResourceType, tabId: number): boolean {
  const c = rule.condition;
  if (c.requestDomains && !suffixes.some((s) => c.requestDomains!.includes(s))) return false;
  if (c.excludedRequestDomains && suffixes.some((s) => c.excludedRequestDomains!.includes(s))) return false;
  if (c.tabIds && !c.tabIds.includes(tabId)) return false;
  if (c.resourceTypes ? !c.resourceTypes.includes(type) : type === 'main_frame') return false;
  if (c.excludedResourceTypes?.includes(type)) return false;
  return true;
}

// modifyHeaders never competes with the others (the browsers apply it after, to a request that goes ahead).
const ACTION_RANK: Record<DnrRule['action']['type'], number> = { allow: 0, block: 1, redirect: 2, modifyHeaders: 3 };

/** The rule the browser applies to a request, or undefined when none matches. */
export function winningRule(rules: readonly DnrRule[], host: string, type: ResourceType, tabId: number): DnrRule | undefined {
  // An IPv6 literal appears in requestDomains in brackets, as in the URL.
  const suffixes = hostSuffixes(host).map((s) => (s.includes(':') ? `[${s}]` : s));
  return rules
    .filter((r) => r.action.type !== 'modifyHeaders' && applies(r, suffixes, type, tabId))
    .sort((a, b) => b.priority - a.priority || ACTION_RANK[a.action.type] - ACTION_RANK[b.action.type])[0];
}

export function evaluateDnr(rules: readonly DnrRule[], host: string, type: ResourceType, tabId: number, extensionBase: string): DnrOutcome {
  const winner = winningRule(rules, host, type, tabId);
  if (!winner || winner.action.type === 'allow') return { verdict: 'pass', categories: [] };
  if (winner.action.type === 'block') return { verdict: 'block', categories: [] };
  if (winner.action.type !== 'redirect' || 'transform' in winner.action.redirect) return { verdict: 'pass', categories: [] }; // safe search: see redirect-model.ts
  const redirect = winner.action.redirect;
  const target = 'regexSubstitution' in redirect ? redirect.regexSubstitution : `${extensionBase}${redirect.extensionPath.slice(1)}`;
  const u = new URL(target);
  if (u.pathname.includes('/welcome/')) return { verdict: 'welcome', categories: [] };
  const page = u.pathname.includes('/warn/') ? 'warn' : 'block';
  return { verdict: page, categories: [parsePageLocation(u.search, '').category] };
}
