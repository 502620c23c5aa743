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

/**
 * When the decision for this site last changed and next changes: what the banner, the block
 * page and `aup explain` tell people ("Personal use is allowed until 13:30"). Changes of mode
 * that leave this site's action alone (a lunch break running into the evening) and changes of
 * reason only (weekend → outside working hours) are skipped. Null: no change within 14 days,
 * or a group without a schedule.
 */
export function siteDecisionTimes(index: PolicyIndex, url: string, situation: Situation, request: RequestContext = {}): { since: number | null; until: number | null } {
  const actions = actionsByMode(index, url, situation, request);
  const { schedule } = situation;
  if (!actions || !schedule) return { since: null, until: null };
  const matters: ChangeMatters = (a, b) => actions[a.mode] !== actions[b.mode];
  return {
    since: previousChangeThatMatters(schedule, situation.at, situation.breakState, matters),
    until: nextChangeThatMatters(schedule, situation.at, situation.breakState, matters),
  };
}
