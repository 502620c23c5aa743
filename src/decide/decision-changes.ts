import type { Action, Mode } from '../policy/actions.ts';
import { nextChangeThatMatters, previousChangeThatMatters, type ChangeMatters } from '../schedule/mode.ts';
import { decide, type RequestContext } from './decide.ts';
import type { PolicyIndex } from './policy-index.ts';
import type { Situation } from './situation.ts';
import { decisionTable } from './table.ts';

const MODES: readonly Mode[] = ['work', 'break', 'personal'];

/** What the policy does with `url` in each mode, for this group (null: the URL cannot be read). */
export function actionsByMode(index: PolicyIndex, url: string, situation: Situation, request: RequestContext = {}): Record<Mode, Action> | null {
  const out: Partial<Record<Mode, Action>> = {};
  for (const mode of MODES) {
    const rows = mode === situation.mode.mode ? situation.rows : decisionTable(index.policy, situation.group.group, mode);
    const result = decide(index, url, { ...situation, rows, mode: { ...situation.mode, mode } }, request);
    if (!result.ok) return null;
    out[mode] = result.decision.action;
  }
  return out as Record<Mode, Action>;
}

/** The schedule and the test "this change alters what happens to the site", or null when nothing can change. */
function siteChanges(index: PolicyIndex, url: string, situation: Situation, request: RequestContext) {
  const actions = actionsByMode(index, url, situation, request);
  const { schedule } = situation;
  if (!actions || !schedule) return null;
  const matters: ChangeMatters = (a, b) => actions[a.mode] !== actions[b.mode];
  return { schedule, matters, actions };
}

/**
 * When the decision for this site next changes: what the banner and `aup explain` tell people
 * ("Personal use is allowed until 13:30"). Changes of mode that leave this site's action alone
 * (a lunch break running into the evening) and changes of reason only (weekend → outside working
 * hours) are skipped. Null: no change within 14 days, or a group without a schedule. Asked on
 * every banner page load, so it searches forward only.
 */
export function siteDecisionUntil(index: PolicyIndex, url: string, situation: Situation, request: RequestContext = {}): number | null {
  const found = siteChanges(index, url, situation, request);
  return found && nextChangeThatMatters(found.schedule, situation.at, situation.breakState, found.matters);
}

export type SiteDecisionTimes = { since: number | null; until: number | null; actions: Record<Mode, Action> | null };

/**
 * When the decision for this site last changed and next changes, with its action in each mode
 * (the block page: "Your break ended at 13:30", "You can use it again from 17:30").
 */
export function siteDecisionTimes(index: PolicyIndex, url: string, situation: Situation, request: RequestContext = {}): SiteDecisionTimes {
  const found = siteChanges(index, url, situation, request);
  if (!found) return { since: null, until: null, actions: null };
  return {
    actions: found.actions,
    since: previousChangeThatMatters(found.schedule, situation.at, situation.breakState, found.matters),
    until: nextChangeThatMatters(found.schedule, situation.at, situation.breakState, found.matters),
  };
}
