import { situationFor, stillHolds, type Situation, type SituationInputs } from '../../src/decide/situation.ts';
import type { GroupChoice } from '../../src/decide/group.ts';
import type { ModeAt } from '../../src/schedule/mode.ts';
import { treatAsManaged, type EffectiveConfig } from '../../src/config/device-config.ts';
import { activePolicy, type ActivePolicy } from './active-policy.ts';
import { readBreak } from './break-state.ts';
import { loadConfig } from './config.ts';

/** Everything a decision needs, re-derived from storage (the worker may have just woken). */
export type EnforcementContext = {
  active: ActivePolicy;
  config: EffectiveConfig;
  inputs: SituationInputs;
  /** Group, mode and the decision table they give (src/decide/situation.ts). */
  situation: Situation;
  group: GroupChoice;
  mode: ModeAt;
};

function withSituation(active: ActivePolicy, config: EffectiveConfig, inputs: SituationInputs): EnforcementContext {
  const situation = situationFor(active.policy, inputs);
  return { active, config, inputs, situation, group: situation.group, mode: situation.mode };
}

export async function currentContext(now = Date.now()): Promise<EnforcementContext> {
  const [active, config, brk] = await Promise.all([activePolicy(), loadConfig(), readBreak()]);
  const inputs = { at: now, group: config.config.group ?? null, managed: treatAsManaged(config.source), breakState: brk.state };
  return withSituation(active, config, inputs);
}

/**
 * `ctx` as it stands at `now`: the same object while its mode holds, else the mode re-derived
 * from the same stored inputs (a snapshot kept by the guard must not outlive a mode change
 * while the mode alarm is still on its way).
 */
export function contextAt(ctx: EnforcementContext, now: number): EnforcementContext {
  return stillHolds(ctx.situation, now) ? ctx : withSituation(ctx.active, ctx.config, { ...ctx.inputs, at: now });
}
