import type { Mode } from '../policy/actions.ts';
import type { CompiledGroup, CompiledPolicy } from '../policy/compiled-schema.ts';
import { decisionTable, continueRow, type CategoryRow, type Grant, type TableRow } from '../decide/table.ts';
import { interstitialSubstitution, type InterstitialPage } from '../protocol/page-location.ts';
import { MAX_EXEMPTIONS, RULE_ID } from './ids.ts';
import type { DnrRule, KeyedRule } from './types.ts';
import type { AcceptanceGate } from '../decide/acceptance.ts';
import { acceptanceGateKey, acceptanceGateRule } from './acceptance-gate.ts';
import { coversEveryType, DOCUMENT_TYPES, type ResourceType } from '../decide/resource-types.ts';

export type CategoryList = {
  /** Identifies the list's content: the chunk SHA-256 (or a tag of the embedded list). */
  version: string;
  /** Hosts in the list; an empty list needs no rule. */
  count: number;
};

export type RuleInput = {
  policy: CompiledPolicy;
  group: CompiledGroup;
  mode: Mode;
  lists: Readonly<Record<string, CategoryList>>;
  /** The extension's origin with a trailing slash (only known at run time): the block and warn pages live there. */
  extensionBase: string;
  /**
   * Every resource type this browser's DNR knows, when the platform can tell (both browsers list
   * them): rules that cover a whole host then cover them all — Firefox's `beacon` (sendBeacon),
   * Chrome's `webtransport` and `webbundle` — not only the types both browsers share.
   */
  everyResourceType?: readonly string[];
  /**
   * False when the extension has lost its access to sites: a redirect then does not apply, so
   * pages and frames of blocked and warned hosts are blocked outright (the browser's own error
   * page; the committed-page check then shows the block or warn page, with no request made).
   */
  redirects?: boolean;
  /** The AUP acceptance gate in force, if any (src/decide/acceptance.ts): one more rule. */
  gate?: AcceptanceGate | null;
};

/** Where a rule lives: see `scopeFor`. */
export type RuleScope = 'dynamic' | 'session';

/**
 * A rule to be, before its hosts are loaded: `key` changes whenever the rule's content would,
 * so unchanged rules are neither rebuilt nor re-sent (a list can hold a million hosts).
 */
export type RuleSpec = { id: number; key: string; scope: RuleScope; category: string | null; make: (hosts: readonly string[]) => DnrRule | null };

/**
 * Lists at least this long are kept in dynamic rules (they persist across browser restarts, so
 * the big lists need not be re-applied at every start); shorter ones in session rules. Chrome
 * rebuilds the whole dynamic ruleset on every update (measured: about 3 s with a million hosts
 * present, whatever the change), so the small lists that change often, and the rules that
 * follow the time of day, must not live beside a big list. The worker re-adds session rules
 * at each browser start; the start-up guard and the static baseline cover that moment.
 */
export const DYNAMIC_MIN_HOSTS = 20_000;

export function scopeFor(count: number): RuleScope {
  return count >= DYNAMIC_MIN_HOSTS ? 'dynamic' : 'session';
}

/**
 * The `requestDomains` form of listed hosts: names and IPv4 addresses as they are, IPv6 literals
 * in brackets as in a URL (`[2001:db8::1]`; measured in Chromium 156 and Firefox ESR: accepted,
 * and it blocks pages and subresources; the bare `::1` is refused by Firefox and never matches in
 * Chromium). Hosts are normalised like the URL parser (compressed, lower case), so they match.
 */
export function dnrDomains(hosts: readonly string[]): string[] {
  const known = domainsMade.get(hosts);
  if (known) return known;
  // A plain loop: flatMap's array per host cost ~0.3 s for a million hosts (measured in the worker).
  const domains: string[] = [];
  for (const h of hosts) {
    if (h.includes(':')) domains.push(`[${h}]`);
    else if (IPV4.test(h)) domains.push(h, ...ipv6FormsOf(h));
    else domains.push(h);
  }
  domainsMade.set(hosts, domains);
  return domains;
}

/**
 * A blocked category's two rules name the same list: made once per host list (the caller never
 * changes either array), so a million hosts are copied once, not twice.
 */
const domainsMade = new WeakMap<readonly string[], string[]>();

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * A listed IPv4 address is also reachable as an IPv6 literal that embeds it: IPv4-mapped
 * (`::ffff:a.b.c.d`) and NAT64 (`64:ff9b::a.b.c.d`). Browsers write those hosts in the URL in
 * their canonical hex form (`[::ffff:102:304]`), which is what DNR compares, so both forms are
 * listed beside the address (the guard's decide() matches them too: src/match/host.ts).
 */
function ipv6FormsOf(ipv4: string): string[] {
  const [a, b, c, d] = (IPV4.exec(ipv4) ?? []).slice(1).map(Number) as [number, number, number, number];
  const tail = `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  return [`[::ffff:${tail}]`, `[64:ff9b::${tail}]`];
}

function withDomains(hosts: readonly string[], build: (domains: string[]) => DnrRule): DnrRule | null {
  const domains = dnrDomains(hosts);
  return domains.length === 0 ? null : build(domains);
}

/** The resource types a row's rule names: the browser's whole list for a row that covers every type. */
function typesOf(row: TableRow, everyResourceType: readonly string[] | undefined): ResourceType[] {
  return coversEveryType(row.resourceTypes) && everyResourceType ? ([...everyResourceType] as ResourceType[]) : [...row.resourceTypes];
}

/** The DNR form of one decision-table row, for `requestDomains` (null: no host to match). */
export function ruleOfRow(row: TableRow, id: number, hosts: readonly string[], extensionBase: string, everyResourceType?: readonly string[], redirects = true): DnrRule | null {
  const condition = { resourceTypes: typesOf(row, everyResourceType) };
  switch (row.kind) {
    case 'exemption':
      return withDomains(hosts, (requestDomains) => ({ id, priority: row.priority, action: { type: 'allow' }, condition: { requestDomains, ...condition } }));
    case 'continue':
      return withDomains([row.grant.host], (requestDomains) => ({ id, priority: row.priority, action: { type: 'allow' }, condition: { requestDomains, tabIds: [row.grant.tabId], ...condition } }));
    case 'category': {
      const page = interstitialOf(row);
      if (!page) return null; // banner and plain allow rows pass: no rule needed
      // Only documents are redirected to the block or warn page (see blockOthersRule for the rest).
      const resourceTypes = condition.resourceTypes.filter((t) => DOCUMENT_TYPES.includes(t));
      if (!redirects) return withDomains(hosts, (requestDomains) => ({ id, priority: row.priority, action: { type: 'block' }, condition: { requestDomains, resourceTypes } }));
      const regexSubstitution = interstitialSubstitution(extensionBase, page, row.category.id);
      return withDomains(hosts, (requestDomains) => ({
        id, priority: row.priority, action: { type: 'redirect', redirect: { regexSubstitution } }, condition: { requestDomains, regexFilter: '^(.*)$', resourceTypes },
      }));
    }
  }
}

/**
 * Every request to a blocked host is also blocked outright with DNR's `block` action, one step
 * below the redirect: a redirect does not apply to every type (measured: Chromium let a WebSocket
 * through a redirect rule) and needs host access, which a user may withdraw, while `block` needs
 * neither. Pages and frames still get the block page (the redirect wins by priority); if the
 * redirect cannot apply, they are blocked all the same.
 */
export function blockOthersRule(row: CategoryRow, id: number, hosts: readonly string[], everyResourceType?: readonly string[]): DnrRule | null {
  const resourceTypes = typesOf(row, everyResourceType);
  return withDomains(hosts, (requestDomains) => ({ id, priority: row.priority - 1, action: { type: 'block' }, condition: { requestDomains, resourceTypes } }));
}

function interstitialOf(row: CategoryRow): InterstitialPage | null {
  return row.action === 'block' ? 'blocked' : row.action === 'warn' ? 'warn' : null;
}

/** The session rule of a warn-page "Continue" (ids from RULE_ID.sessionContinue up, owned by the grants). */
export function continueRule(id: number, grant: Grant, everyResourceType?: readonly string[]): DnrRule {
  return ruleOfRow(continueRow(grant), id, [], '', everyResourceType)!;
}

/**
 * The rules that enforce `group` in `mode`, made from the decision table: pure and
 * deterministic, one rule per exemption and per blocked or warned category, with the whole host
 * list in `requestDomains` (measured: 1M hosts in one rule are accepted by Chrome and Firefox;
 * Chrome indexes every rule's domains again, so one rule per category, not several).
 * A blocked category has two rules: its pages and frames are redirected to the block page, every
 * other request is blocked (blockOthersRule). Each rule indexes the list again in Chrome: the
 * price of blocking WebSockets and of not depending on host access (see docs/enforcement.md).
 */
export function ruleSpecs(input: RuleInput): RuleSpec[] {
  const { policy, group, mode, lists, extensionBase, everyResourceType, redirects = true, gate = null } = input;
  const out: RuleSpec[] = [];
  if (gate) {
    const rule = acceptanceGateRule(gate, extensionBase, redirects);
    out.push({ id: rule.id, key: acceptanceGateKey(gate, extensionBase, redirects), scope: 'session', category: null, make: () => rule });
  }
  for (const row of decisionTable(policy, group, mode)) {
    if (row.kind === 'exemption') {
      if (row.index >= MAX_EXEMPTIONS) continue;
      const id = RULE_ID.exemption + row.index;
      const rule = ruleOfRow(row, id, row.exemption.hosts, extensionBase, everyResourceType);
      if (rule) out.push({ id, key: `exempt|${row.exemption.id}|${row.exemption.hosts.join(',')}|${rule.condition.resourceTypes?.join(',')}`, scope: 'session', category: null, make: () => rule });
    } else if (row.kind === 'category' && interstitialOf(row)) {
      const list = lists[row.category.id];
      if (!list || list.count === 0) continue;
      const id = (row.action === 'block' ? RULE_ID.blockPage : RULE_ID.warnPage) + row.index;
      const c = row.category.id;
      const types = typesOf(row, everyResourceType).join(',');
      const scope = scopeFor(list.count);
      out.push({
        id, key: `${row.action}|${c}|${list.version}|${row.priority}|${types}|${redirects ? extensionBase : 'no-redirect'}`, scope, category: c,
        make: (hosts) => ruleOfRow(row, id, hosts, extensionBase, everyResourceType, redirects),
      });
      if (row.action === 'block') {
        const others = RULE_ID.blockOthers + row.index;
        out.push({ id: others, key: `block-others|${c}|${list.version}|${row.priority}|${types}`, scope, category: c, make: (hosts) => blockOthersRule(row, others, hosts, everyResourceType) });
      }
    }
  }
  return out.sort((a, b) => a.id - b.id);
}

/** Every rule, materialised (tests, and small policies). */
export function compileRules(input: RuleInput, hostsOf: (category: string) => readonly string[]): KeyedRule[] {
  return ruleSpecs(input).flatMap((spec) => {
    const rule = spec.make(spec.category ? hostsOf(spec.category) : []);
    return rule ? [{ rule, key: spec.key }] : [];
  });
}

export type RulePlan = { removeRuleIds: number[]; add: RuleSpec[]; keys: Record<number, string> };

/**
 * What to change so the browser holds exactly `desired`, touching only rules whose key changed.
 * `current` maps the ids the browser holds to the keys recorded when they were added (a rule
 * without a recorded key is replaced).
 */
export function planRuleUpdate(currentIds: readonly number[], currentKeys: Readonly<Record<number, string>>, desired: readonly RuleSpec[]): RulePlan {
  const wanted = new Map(desired.map((d) => [d.id, d]));
  const removeRuleIds: number[] = [];
  const add: RuleSpec[] = [];
  const held = new Set(currentIds);
  for (const id of currentIds) {
    const want = wanted.get(id);
    if (!want || currentKeys[id] !== want.key) removeRuleIds.push(id);
  }
  for (const [id, want] of wanted) {
    if (!held.has(id) || currentKeys[id] !== want.key) add.push(want);
  }
  const keys = Object.fromEntries(desired.map((d) => [d.id, d.key]));
  return { removeRuleIds: removeRuleIds.sort((a, b) => a - b), add, keys };
}
