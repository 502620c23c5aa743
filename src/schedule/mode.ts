import type { CompiledSchedule } from './schema.ts';
import { MS_PER_DAY, MS_PER_MINUTE, localDateOf, msIntoDay, startOfWallDay, weekdayOf, type Weekday } from './wall-clock.ts';
import { offsetSegments, wallMsAt } from './zone.ts';

/**
 * The schedule engine: which mode the acceptable-use policy is in at an instant, and when that
 * next changes. Pure functions of (schedule, instant, break state); the caller passes the clock
 * in, so the service worker can re-derive everything on each wake and set one alarm for `until`.
 */

export type Mode = 'work' | 'break' | 'personal';
export type ModeReason =
  | 'working-hours'
  | 'fixed-break'
  | 'self-declared-break'
  | 'outside-hours'
  | 'weekend'
  | 'bank-holiday';
/** Times are epoch ms. A self-declared break covers startedAt ≤ t < endsAt. */
export type BreakState = { selfDeclared: { startedAt: number; endsAt: number } | null };
export type ModeAt = {
  mode: Mode;
  reason: ModeReason;
  /** Epoch ms at which this mode and reason began, or null if not within the last 14 days. */
  since: number | null;
  /** Epoch ms of the next change of mode or reason, or null if none within 14 days (what alarms use). */
  until: number | null;
  /**
   * Epoch ms of the next change of mode, skipping changes of reason only (weekend → outside
   * hours, a fixed break that follows a self-declared one): what people are told. Null if none
   * within 14 days.
   */
  modeUntil: number | null;
  /** The fixed break's label from the policy ("Lunch"), when there is one. */
  label?: string;
};

/**
 * How far ahead (and back) changes are looked for. A schedule with no change in 14 days (all
 * personal, or round-the-clock work) reports null; the worker still wakes for policy refreshes.
 */
export const CHANGE_HORIZON_MS = 14 * MS_PER_DAY;

/** The mode and reason without the since/until search: what callers that only decide need. */
export type ModeOnly = Pick<ModeAt, 'mode' | 'reason' | 'label'>;

export function isOnSelfDeclaredBreak(state: BreakState, instant: number): boolean {
  const declared = state.selfDeclared;
  return declared !== null && declared.startedAt <= instant && instant < declared.endsAt;
}

/** The policy's rules, in order: the day, then working hours, then breaks. */
export function modeOnlyAt(schedule: CompiledSchedule, instant: number, state: BreakState): ModeOnly {
  const wallMs = wallMsAt(schedule.zone, instant);
  if (schedule.bankHolidays.includes(localDateOf(wallMs))) return { mode: 'personal', reason: 'bank-holiday' };
  const day = weekdayOf(wallMs);
  const hours = schedule.workingHours[day];
  // A day with no working hours is a weekend whatever its name (part-time staff's day off too).
  if (hours.length === 0) return { mode: 'personal', reason: 'weekend' };
  const minute = msIntoDay(wallMs) / MS_PER_MINUTE;
  const inside = (range: { start: number; end: number }) => range.start <= minute && minute < range.end;
  if (!hours.some(inside)) return { mode: 'personal', reason: 'outside-hours' };
  const fixed = schedule.fixedBreaks[day].find(inside);
  if (fixed) return fixed.label === undefined ? { mode: 'break', reason: 'fixed-break' } : { mode: 'break', reason: 'fixed-break', label: fixed.label };
  if (isOnSelfDeclaredBreak(state, instant)) return { mode: 'break', reason: 'self-declared-break' };
  return { mode: 'work', reason: 'working-hours' };
}

/** Decides whether a change from `a` to `b` matters to the caller: true means it does. */
export type ChangeMatters = (a: ModeOnly, b: ModeOnly) => boolean;

const modeOrReasonChanges: ChangeMatters = (a, b) => a.mode !== b.mode || a.reason !== b.reason;
/** What a person cares about: what they may do depends on the mode, never on the reason. */
export const modeChanges: ChangeMatters = (a, b) => a.mode !== b.mode;

/** Minutes of a day at which its working hours or fixed breaks start or end, plus midnight (the day itself may change kind). */
function boundaryMinutes(schedule: CompiledSchedule, day: Weekday): number[] {
  const minutes = [0];
  for (const range of [...schedule.workingHours[day], ...schedule.fixedBreaks[day]]) minutes.push(range.start, range.end);
  return minutes;
}

/**
 * Every instant in (from, to] at which the mode could change, ascending: each day's boundaries
 * converted at the offset in force, each clock change, and the self-declared break's ends.
 * Between two consecutive candidates the wall clock runs steadily and crosses no boundary, so
 * the mode is constant there; this is what makes the search exact across DST. A boundary
 * skipped by a spring-forward gap takes effect at the clock change; one repeated by an autumn
 * overlap is a candidate both times.
 */
function candidateInstants(schedule: CompiledSchedule, from: number, to: number, state: BreakState): number[] {
  const candidates: number[] = [];
  for (const segment of offsetSegments(schedule.zone, from, to + 1)) {
    if (segment.start > from) candidates.push(segment.start);
    const wallFrom = segment.start + segment.offset;
    const wallTo = segment.end + segment.offset;
    for (let day = startOfWallDay(wallFrom); day < wallTo; day += MS_PER_DAY) {
      for (const minute of boundaryMinutes(schedule, weekdayOf(day))) {
        const wall = day + minute * MS_PER_MINUTE;
        if (wall >= wallFrom && wall < wallTo) candidates.push(wall - segment.offset);
      }
    }
  }
  if (state.selfDeclared) candidates.push(state.selfDeclared.startedAt, state.selfDeclared.endsAt);
  return [...new Set(candidates.filter((t) => t > from && t <= to))].sort((a, b) => a - b);
}

/** The first instant after `instant` at which the mode or its reason changes, within 14 days. */
export function nextChange(schedule: CompiledSchedule, instant: number, state: BreakState): number | null {
  return nextChangeThatMatters(schedule, instant, state, modeOrReasonChanges);
}

/**
 * The first instant after `instant` at which a change that `matters` happens, within 14 days.
 * `modeChanges` gives the end of the mode; the decision for one site passes its own test (a
 * site allowed in breaks and personal time stays open from lunch straight into the evening if
 * working hours end at lunch).
 */
export function nextChangeThatMatters(schedule: CompiledSchedule, instant: number, state: BreakState, matters: ChangeMatters): number | null {
  const now = modeOnlyAt(schedule, instant, state);
  for (const candidate of candidateInstants(schedule, instant, instant + CHANGE_HORIZON_MS, state)) {
    if (matters(now, modeOnlyAt(schedule, candidate, state))) return candidate;
  }
  return null;
}

/** The instant at or before `instant` at which the current mode and reason began, within 14 days. */
export function previousChange(schedule: CompiledSchedule, instant: number, state: BreakState): number | null {
  return previousChangeThatMatters(schedule, instant, state, modeOrReasonChanges);
}

/** The instant at or before `instant` at which the last change that `matters` happened, within 14 days. */
export function previousChangeThatMatters(schedule: CompiledSchedule, instant: number, state: BreakState, matters: ChangeMatters): number | null {
  const now = modeOnlyAt(schedule, instant, state);
  const candidates = candidateInstants(schedule, instant - CHANGE_HORIZON_MS, instant, state);
  for (let i = candidates.length - 1; i >= 0; i--) {
    const candidate = candidates[i] as number;
    // The mode is constant from one candidate to the next, so the previous candidate (or just
    // before this one, if it is the first) shows the mode in force up to this candidate.
    const before = candidates[i - 1] ?? candidate - 1;
    if (matters(modeOnlyAt(schedule, before, state), now)) return candidate;
  }
  return null;
}

export function modeAt(schedule: CompiledSchedule, instant: number, state: BreakState): ModeAt {
  const { mode, reason, label } = modeOnlyAt(schedule, instant, state);
  const since = previousChange(schedule, instant, state);
  const until = nextChange(schedule, instant, state);
  // The mode's end is at or after the reason's: search on from there only when they differ.
  const modeUntil = until === null || modeOnlyAt(schedule, until, state).mode !== mode ? until : nextChangeThatMatters(schedule, instant, state, modeChanges);
  return label === undefined ? { mode, reason, since, until, modeUntil } : { mode, reason, since, until, modeUntil, label };
}
