import type { Action, Mode } from '../policy/actions.ts';
import type { CompiledCategory } from '../policy/compiled-schema.ts';
import { embeddedIpv4, hostFromUrl, hostSuffixes } from '../match/host.ts';
import type { ModeAt } from '../schedule/mode.ts';
import type { GroupChoice } from './group.ts';
import type { PolicyIndex } from './policy-index.ts';
import type { ResourceType } from './resource-types.ts';
import type { Situation } from './situation.ts';
import { rowOrder, withGrants, type Grant, type TableRow } from './table.ts';

/** The request being decided: a top-level page unless said otherwise. */
export type RequestContext = {
  resourceType?: ResourceType;
  /** The tab it comes from, and that tab's live "Continue" grants. */
  tabId?: number;
  grants?: readonly Grant[];
};

export type Decision = {
  action: Action;
  host: string;
  /** Categories the host is listed in (ids), whether or not they decided. */
  categories: string[];
  /** The categories whose row decided (ties at the winning priority). */
  deciding: CompiledCategory[];
  /** Listed suffix that matched, for the first deciding category or exemption. */
  matchedHost: string | null;
  mode: Mode;
  schedule: ModeAt;
  group: GroupChoice;
  /** Machine-readable rule: `exemption:<id>`, `continue:<host>`, `category:<id>`, `not-covered:<resource type>`, or `unlisted`. */
  rule: string;
  /** One plain English sentence for ICT (`aup explain`, logs). Pages build their own text from the fields. */
  reason: string;
};

export type DecideResult = { ok: true; decision: Decision } | { ok: false; error: string };

const MODE_WORDS: Record<Mode, string> = { work: 'working time', break: 'a break', personal: 'personal time' };
const ACTION_WORDS: Record<Action, string> = { block: 'blocks', warn: 'warns before', 'allow-banner': 'allows (with the personal-use banner)', allow: 'allows' };

/**
 * The decision for one URL: pure, the same code in the CLI and the extension. It walks the
 * situation's decision table (src/decide/table.ts) from the highest priority down; the first
 * priority with a matching row decides, as the browser does with the DNR rules made of the same
 * rows.
 */
export function decide(index: PolicyIndex, url: string, situation: Situation, request: RequestContext = {}): DecideResult {
  const parsed = hostFromUrl(url);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const host = parsed.host;
  const { policy } = index;
  const type = request.resourceType ?? 'main_frame';
  const names = namesOf(host);
  const suffixes = names.flatMap(hostSuffixes);
  const matches = names.flatMap((n) => index.matcher.matches(n));
  const matchOf = new Map<number, string>();
  for (const m of matches) if (!matchOf.has(m.category)) matchOf.set(m.category, m.suffix);
  const categories = [...new Set(matches.map((m) => policy.categories[m.category]?.id).filter((id): id is string => !!id))].sort();
  const { group, mode } = situation;
  const base = { host, categories, mode: mode.mode, schedule: mode, group };

  /** The listed suffix of `host` a row covers, or null when the row does not apply to this request. */
  const matchedBy = (row: TableRow): string | null => {
    if (!row.resourceTypes.includes(type)) return null;
    switch (row.kind) {
      case 'exemption':
        return suffixes.find((s) => index.exemptionHosts.get(row.exemption.id)?.has(s)) ?? null;
      case 'continue':
        return row.grant.tabId === request.tabId ? (suffixes.find((s) => s === row.grant.host) ?? null) : null;
      case 'category':
        return matchOf.get(row.index) ?? null;
    }
  };

  const rows = withGrants(situation.rows, request.grants ?? []);
  let winning: Array<{ row: TableRow; suffix: string }> = [];
  for (const row of rows) {
    if (winning.length > 0 && row.priority < winning[0]!.row.priority) break;
    const suffix = matchedBy(row);
    if (suffix !== null) winning.push({ row, suffix });
  }
  const first = winning[0];
  if (!first) {
    if (categories.length > 0) {
      // Listed, but no row covers this kind of request (a warning covers pages and frames only).
      return { ok: true, decision: { ...base, action: 'allow', deciding: [], matchedHost: null, rule: `not-covered:${type}`, reason: `${host} is listed in ${categories.join(', ')}, but the rule for it does not cover a ${type} request: allowed.` } };
    }
    return { ok: true, decision: { ...base, action: 'allow', deciding: [], matchedHost: null, rule: 'unlisted', reason: `${host} is not in any category: allowed.` } };
  }
  const { row } = first;
  if (row.kind === 'exemption') {
    return {
      ok: true,
      decision: { ...base, action: 'allow', deciding: [], matchedHost: first.suffix, rule: `exemption:${row.exemption.id}`, reason: `${host} is exempt (${row.exemption.reason}) for group ${group.group.id}.` },
    };
  }
  if (row.kind === 'continue') {
    return {
      ok: true,
      decision: { ...base, action: 'allow', deciding: [], matchedHost: first.suffix, rule: `continue:${row.grant.host}`, reason: `${host} was continued to from the warn page in this tab.` },
    };
  }
  // Ties: every category at the winning priority, the most specific listing first.
  winning = winning.filter((w) => w.row.kind === 'category').sort((a, b) => b.suffix.length - a.suffix.length || rowOrder(a.row) - rowOrder(b.row));
  const deciding = winning.map((w) => (w.row as { category: CompiledCategory }).category);
  const titles = deciding.map((c) => c.title).join(', ');
  const top = winning[0]!;
  return {
    ok: true,
    decision: {
      ...base,
      action: row.action,
      deciding,
      matchedHost: top.suffix,
      rule: `category:${deciding[0]!.id}`,
      reason: `${host} is listed in ${titles} (as ${top.suffix}); group ${group.group.id} ${ACTION_WORDS[row.action]} ${titles} during ${MODE_WORDS[mode.mode]}.`,
    },
  };
}

/**
 * The names a decision looks `host` up by. An IPv6 literal that reaches an IPv4 address is that
 * address too (a listed IPv4 host must not be reachable as [::ffff:a.b.c.d]). Only the guard sees
 * these: DNR takes no IPv6 literals.
 */
function namesOf(host: string): string[] {
  const ipv4 = embeddedIpv4(host);
  return ipv4 ? [host, ipv4] : [host];
}

/**
 * Reads what deciding `url` needs from a matcher still being read from storage (the guard's first
 * answers after a start: chunked-matcher.ts, `prepare`); null when there is nothing to read.
 */
export function prepareDecision(index: PolicyIndex, url: string): Promise<void> | null {
  const parsed = hostFromUrl(url);
  if (!parsed.ok || !index.matcher.prepare) return null;
  const reads = namesOf(parsed.host).flatMap((name) => index.matcher.prepare?.(name) ?? []);
  return reads.length ? Promise.all(reads).then(() => undefined) : null;
}
