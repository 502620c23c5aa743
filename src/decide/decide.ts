import { SEVERITY, type Action, type Mode } from '../policy/actions.ts';
import type { CompiledCategory } from '../policy/compiled-schema.ts';
import { hostFromUrl } from '../match/host.ts';
import { modeAt, type BreakState, type ModeAt } from '../schedule/mode.ts';
import { chooseGroup, type GroupChoice } from './group.ts';
import { findExemption, type PolicyIndex } from './policy-index.ts';

export type DecisionContext = {
  /** Epoch ms. */
  at: number;
  /** The group ICT configured, if any. */
  group: string | null;
  managed: boolean;
  breakState: BreakState;
};

export type Decision = {
  action: Action;
  host: string;
  /** Categories the host is listed in (ids), whether or not they decided. */
  categories: string[];
  /** The categories whose action decided (the strictest). */
  deciding: CompiledCategory[];
  /** Listed suffix that matched, per deciding category. */
  matchedHost: string | null;
  mode: Mode;
  schedule: ModeAt;
  group: GroupChoice;
  /** Machine-readable rule: `exemption:<id>`, `category:<id>`, or `unlisted`. */
  rule: string;
  /** One plain English sentence for ICT (`aup explain`, logs). Pages build their own text from the fields. */
  reason: string;
};

export type DecideResult = { ok: true; decision: Decision } | { ok: false; error: string };

const MODE_WORDS: Record<Mode, string> = { work: 'working time', break: 'a break', personal: 'personal time' };
const ACTION_WORDS: Record<Action, string> = { block: 'blocks', warn: 'warns before', 'allow-banner': 'allows (with the personal-use banner)', allow: 'allows' };

/** The decision for one URL: pure, clock passed in, the same code in the CLI and the extension. */
export function decide(index: PolicyIndex, url: string, context: DecisionContext): DecideResult {
  const parsed = hostFromUrl(url);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const host = parsed.host;
  const { policy } = index;
  const group = chooseGroup(policy, context.group, context.managed);
  const schedule = policy.schedules[group.group.schedule];
  const mode: ModeAt = schedule
    ? modeAt(schedule, context.at, context.breakState)
    : { mode: 'work', reason: 'working-hours', since: null, until: null };

  const matches = index.matcher.matches(host);
  const categoryOf = (n: number) => policy.categories[n];
  const categories = [...new Set(matches.map((m) => categoryOf(m.category)?.id).filter((id): id is string => !!id))].sort();
  const base = { host, categories, mode: mode.mode, schedule: mode, group };

  const exempt = findExemption(index, host, group.group.id);
  if (exempt) {
    return {
      ok: true,
      decision: {
        ...base,
        action: 'allow',
        deciding: [],
        matchedHost: exempt.matched,
        rule: `exemption:${exempt.exemption.id}`,
        reason: `${host} is exempt (${exempt.exemption.reason}) for group ${group.group.id}.`,
      },
    };
  }

  let action: Action = 'allow';
  let deciding: CompiledCategory[] = [];
  let matchedHost: string | null = null;
  for (const match of matches) {
    const category = categoryOf(match.category);
    if (!category) continue;
    const candidate = group.group.actions[category.id]?.[mode.mode] ?? 'allow';
    if (deciding.length === 0 || SEVERITY[candidate] > SEVERITY[action]) {
      action = candidate;
      deciding = [category];
      matchedHost = match.suffix;
    } else if (SEVERITY[candidate] === SEVERITY[action] && !deciding.some((d) => d.id === category.id)) {
      deciding.push(category);
    }
  }
  if (deciding.length === 0) {
    return { ok: true, decision: { ...base, action: 'allow', deciding, matchedHost: null, rule: 'unlisted', reason: `${host} is not in any category: allowed.` } };
  }
  const titles = deciding.map((c) => c.title).join(', ');
  return {
    ok: true,
    decision: {
      ...base,
      action,
      deciding,
      matchedHost,
      rule: `category:${deciding[0]!.id}`,
      reason: `${host} is listed in ${titles} (as ${matchedHost}); group ${group.group.id} ${ACTION_WORDS[action]} ${titles} during ${MODE_WORDS[mode.mode]}.`,
    },
  };
}
