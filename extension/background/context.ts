import { chooseGroup, type GroupChoice } from '../../src/decide/group.ts';
import type { DecisionContext } from '../../src/decide/decide.ts';
import { modeAt, type ModeAt } from '../../src/schedule/mode.ts';
import { treatAsManaged, type EffectiveConfig } from '../../src/config/device-config.ts';
import { activePolicy, type ActivePolicy } from './active-policy.ts';
import { readBreak } from './break-state.ts';
import { loadConfig } from './config.ts';

/** Everything a decision needs, re-derived from storage (the worker may have just woken). */
export type EnforcementContext = {
  active: ActivePolicy;
  config: EffectiveConfig;
  decision: DecisionContext;
  group: GroupChoice;
  mode: ModeAt;
};

export async function currentContext(now = Date.now()): Promise<EnforcementContext> {
  const [active, config, brk] = await Promise.all([activePolicy(), loadConfig(), readBreak()]);
  const managed = treatAsManaged(config.source);
  const group = chooseGroup(active.policy, config.config.group ?? null, managed);
  const schedule = active.policy.schedules[group.group.schedule];
  const mode: ModeAt = schedule
    ? modeAt(schedule, now, brk.state)
    : { mode: 'work', reason: 'working-hours', since: null, until: null };
  return {
    active,
    config,
    group,
    mode,
    decision: { at: now, group: config.config.group ?? null, managed, breakState: brk.state },
  };
}
