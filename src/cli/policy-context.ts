import { buildMatcher, indexPolicy, type PolicyIndex } from '../decide/policy-index.ts';
import type { BreakState } from '../schedule/mode.ts';
import type { LoadedRules } from '../rules/load-rules.ts';

export function indexRules(rules: LoadedRules): PolicyIndex {
  return indexPolicy(rules.policy, buildMatcher(rules.policy, rules.lists));
}

export function breakStateOf(from: number | null, minutes: number | null): BreakState {
  if (from === null || minutes === null) return { selfDeclared: null };
  return { selfDeclared: { startedAt: from, endsAt: from + minutes * 60_000 } };
}

/** The zone used to read wall-clock times on the command line: the group's schedule zone. */
export function zoneFor(rules: LoadedRules, group: string | null): string {
  const g = rules.policy.groups.find((x) => x.id === group) ?? rules.policy.groups.find((x) => x.id === rules.policy.defaultGroup);
  return (g && rules.policy.schedules[g.schedule]?.zone) ?? 'Europe/London';
}
