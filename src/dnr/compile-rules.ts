import type { Action, Mode } from '../policy/actions.ts';
import type { CompiledGroup, CompiledPolicy } from '../policy/compiled-schema.ts';
import { MAX_EXEMPTIONS, PRIORITY, RULE_ID } from './ids.ts';
import { ALL_RESOURCE_TYPES, type DnrRule, type KeyedRule } from './types.ts';

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
  /** Full URLs of the extension's block and warn pages (the extension id is only known at run time). */
  blockedPage: string;
  warnPage: string;
};

/**
 * A rule to be, before its hosts are loaded: `key` changes whenever the rule's content would,
 * so unchanged rules are neither rebuilt nor re-sent (a list can hold a million hosts).
 */
/** Where a rule lives: see `scopeFor`. */
export type RuleScope = 'dynamic' | 'session';

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

/** DNR accepts only lower-case ASCII names in requestDomains; IPv6 literals are left to the guard. */
export function dnrDomains(hosts: readonly string[]): string[] {
  return hosts.filter((h) => !h.includes(':'));
}

/** `^(.*)$` → page?c=<category>#<original URL>: the page reads the URL from its fragment, as text. */
function redirectTo(page: string, category: string): DnrRule['action'] {
  return { type: 'redirect', redirect: { regexSubstitution: `${page}?c=${encodeURIComponent(category)}#\\0` } };
}

/** The categories of `group` whose action in `mode` is `action`. */
export function categoriesWith(group: CompiledGroup, mode: Mode, action: Action): string[] {
  return Object.entries(group.actions)
    .filter(([, actions]) => actions[mode] === action)
    .map(([id]) => id)
    .sort();
}

function withDomains(hosts: readonly string[], build: (domains: string[]) => DnrRule): DnrRule | null {
  const domains = dnrDomains(hosts);
  return domains.length === 0 ? null : build(domains);
}

/**
 * The dynamic rules that enforce `group` in `mode`: pure and deterministic, one rule per
 * (category, kind) with the whole host list in `requestDomains` (measured: 1M hosts in one
 * rule are accepted by Chrome and Firefox), well inside both browsers' rule limits.
 */
export function ruleSpecs(input: RuleInput): RuleSpec[] {
  const out: RuleSpec[] = [];
  const { policy, group, mode, lists } = input;

  const exemptions = policy.exemptions.filter((e) => e.groups === null || e.groups.includes(group.id));
  exemptions.slice(0, MAX_EXEMPTIONS).forEach((exemption, i) => {
    const rule = withDomains(exemption.hosts, (requestDomains) => ({
      id: RULE_ID.exemption + i, priority: PRIORITY.exemption, action: { type: 'allow' }, condition: { requestDomains, resourceTypes: ALL_RESOURCE_TYPES },
    }));
    if (rule) out.push({ id: rule.id, key: `exempt|${exemption.id}|${exemption.hosts.join(',')}`, scope: 'session', category: null, make: () => rule });
  });

  policy.categories.forEach((category, index) => {
    const action = group.actions[category.id]?.[mode] ?? 'allow';
    const list = lists[category.id];
    if (!list || list.count === 0 || (action !== 'block' && action !== 'warn')) return;
    const c = category.id;
    if (action === 'block') {
      // One rule per category: Chrome indexes every requestDomains entry again for each rule
      // (measured: 1M hosts in one rule 1.9 s, in two rules 4.7 s). Frames go to the block page;
      // any other request is redirected there too, which fails as the resource it asked for —
      // either way nothing reaches the host.
      out.push({
        id: RULE_ID.blockPage + index, key: `block|${c}|${list.version}|${input.blockedPage}`, scope: scopeFor(list.count), category: c,
        make: (hosts) => withDomains(hosts, (requestDomains) => ({
          id: RULE_ID.blockPage + index, priority: PRIORITY.block, action: redirectTo(input.blockedPage, c),
          condition: { requestDomains, regexFilter: '^(.*)$', resourceTypes: ALL_RESOURCE_TYPES },
        })),
      });
    } else {
      out.push({
        id: RULE_ID.warnPage + index, key: `warn-page|${c}|${list.version}|${input.warnPage}`, scope: scopeFor(list.count), category: c,
        make: (hosts) => withDomains(hosts, (requestDomains) => ({
          id: RULE_ID.warnPage + index, priority: PRIORITY.warn, action: redirectTo(input.warnPage, c),
          condition: { requestDomains, regexFilter: '^(.*)$', resourceTypes: ['main_frame'] },
        })),
      });
    }
  });
  return out;
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
