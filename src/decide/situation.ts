import type { CompiledPolicy } from '../policy/compiled-schema.ts';
import { modeAt, type BreakState, type ModeAt } from '../schedule/mode.ts';
import type { CompiledSchedule } from '../schedule/schema.ts';
import { chooseGroup, type GroupChoice } from './group.ts';
import { decisionTable, type TableRow } from './table.ts';

/** What the device knows that decides which rules apply (the worker reads it from storage). */
export type SituationInputs = {
  /** Epoch ms. */
  at: number;
  /** The group ICT configured, if any. */
  group: string | null;
  managed: boolean;
  breakState: BreakState;
};

/**
 * The group and mode in force, and the decision table they give: computed once, used by every
 * decision. The schedule and break state are kept to tell people when a decision next changes.
 */
export type Situation = { at: number; group: GroupChoice; mode: ModeAt; rows: readonly TableRow[]; schedule: CompiledSchedule | null; breakState: BreakState };

export function situationFor(policy: CompiledPolicy, inputs: SituationInputs): Situation {
  const group = chooseGroup(policy, inputs.group, inputs.managed);
  const schedule = policy.schedules[group.group.schedule];
  // A group whose schedule is missing is always at work: the strictest reading.
  const mode: ModeAt = schedule ? modeAt(schedule, inputs.at, inputs.breakState) : { mode: 'work', reason: 'working-hours', since: null, until: null, modeUntil: null };
  return { at: inputs.at, group, mode, rows: decisionTable(policy, group.group, mode.mode), schedule: schedule ?? null, breakState: inputs.breakState };
}

/** Whether `situation` still holds at `now` (the mode changes at `mode.until`). */
export function stillHolds(situation: Situation, now: number): boolean {
  return situation.mode.until === null || now < situation.mode.until;
}
