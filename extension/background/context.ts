import { situationFor, stillHolds, type Situation, type SituationInputs } from '../../src/decide/situation.ts';
import type { GroupChoice } from '../../src/decide/group.ts';
import type { ModeAt } from '../../src/schedule/mode.ts';
import { treatAsManaged, type EffectiveConfig } from '../../src/config/device-config.ts';
import { activePolicy, earlyPolicy, policyOutline, type ActivePolicy, type PolicyOutline } from './active-policy.ts';
import { readBreak } from './break-state.ts';
import { loadConfig } from './config.ts';
import { acceptanceGate, type AcceptanceGate } from '../../src/decide/acceptance.ts';
import { acceptanceRecord, type Acceptance } from './records.ts';
import { startPhase } from './phases.ts';

/** Everything a decision needs, re-derived from storage (the worker may have just woken). */
export type EnforcementContext = {
  active: ActivePolicy;
  config: EffectiveConfig;
  inputs: SituationInputs;
  /** Group, mode and the decision table they give (src/decide/situation.ts). */
  situation: Situation;
  group: GroupChoice;
  mode: ModeAt;
  /** The AUP acceptances made on this device, newest first. */
  acceptances: readonly Acceptance[];
  /** The acceptance gate in force (src/decide/acceptance.ts), or null. */
  gate: AcceptanceGate | null;
};

/** The same, from the policy's outline (no matchers): what the browser's rules are made from. */
export type RulesContext = Omit<EnforcementContext, 'active'> & { active: PolicyOutline };

function withSituation<P extends PolicyOutline>(active: P, config: EffectiveConfig, inputs: SituationInputs, acceptances: readonly Acceptance[]): Omit<EnforcementContext, 'active'> & { active: P } {
  const situation = situationFor(active.policy, inputs);
  const gate = acceptanceGate(active.policy, situation.group.group, acceptances);
  return { active, config, inputs, situation, group: situation.group, mode: situation.mode, acceptances, gate };
}

async function contextFrom<P extends PolicyOutline>(policy: Promise<P>, now: number): Promise<Omit<EnforcementContext, 'active'> & { active: P }> {
  const [active, config, brk, accepted] = await Promise.all([
    policy,
    startPhase('read settings', loadConfig),
    startPhase('read break', readBreak),
    startPhase('read acceptances', () => acceptanceRecord.read()),
  ]);
  const inputs = { at: now, group: config.config.group ?? null, managed: treatAsManaged(config.source), breakState: brk.state };
  return withSituation(active, config, inputs, accepted.acceptances);
}

export function currentContext(now = Date.now()): Promise<EnforcementContext> {
  return contextFrom(activePolicy(), now);
}

/**
 * The context twice from one read of the stored settings: `early` as soon as the stored matchers
 * are open (a large one paged: each lookup prepared first, decide.ts `prepareDecision`), and
 * `whole` with every matcher in memory. The guard answers its first requests with the early one.
 */
export function currentContexts(now = Date.now()): { early: Promise<EnforcementContext>; whole: Promise<EnforcementContext> } {
  const early = contextFrom(earlyPolicy(), now);
  // The whole policy may be the baseline after all (a table that could not be read whole), so
  // the situation is derived again from its policy.
  const whole = Promise.all([early, activePolicy()]).then(([ctx, active]) => (active === ctx.active ? ctx : withSituation(active, ctx.config, ctx.inputs, ctx.acceptances)));
  return { early, whole };
}

/** Without the matchers (enforce.ts: the rules go to the browser before any matcher is built). */
export function rulesContext(now = Date.now()): Promise<RulesContext> {
  return contextFrom(policyOutline(), now);
}

/**
 * `ctx` as it stands at `now`: the same object while its mode holds, else the mode re-derived
 * from the same stored inputs (a snapshot kept by the guard must not outlive a mode change
 * while the mode alarm is still on its way).
 */
export function contextAt(ctx: EnforcementContext, now: number): EnforcementContext {
  return stillHolds(ctx.situation, now) ? ctx : withSituation(ctx.active, ctx.config, { ...ctx.inputs, at: now }, ctx.acceptances);
}
