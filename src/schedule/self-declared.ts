import { isOnSelfDeclaredBreak, modeOnlyAt, nextChange, type BreakState } from './mode.ts';
import type { CompiledSchedule } from './schema.ts';
import { MS_PER_MINUTE, localDateOf, msIntoDay, startOfWallDay, weekdayOf } from './wall-clock.ts';
import { instantOfWallClock, wallMsAt } from './zone.ts';

/**
 * Self-declared breaks: where the policy allows, staff say "I'm on my break now" instead of
 * keeping a fixed lunch hour. A break may start only during working time, inside the policy's
 * window on an allowed day, and the minutes taken per local day are capped. Pure, like mode.ts:
 * the worker stores the returned state and usage and passes them back in.
 */

/** Whole minutes of self-declared break charged on a local date (YYYY-MM-DD in the schedule's zone). */
export type BreakUsage = { date: string; minutesUsed: number };

export type StartBreakResult =
  | { ok: true; state: BreakState; usage: BreakUsage; endsAt: number }
  | { ok: false; reason: 'not-allowed-now' | 'daily-cap-reached' | 'not-configured' | 'already-on-break' };

/** Usage for `date`: yesterday's minutes do not count against today. */
function usageOn(date: string, usage: BreakUsage | null): BreakUsage {
  return usage !== null && usage.date === date ? usage : { date, minutesUsed: 0 };
}

/**
 * Start a self-declared break at `instant`. It lasts the requested minutes (default: all that
 * remain today), and never beyond the remaining allowance, the end of the window, or the next
 * change of mode without it (a fixed break starting, working hours ending): minutes are not
 * charged for time that would be a break or personal time anyway. Minutes are charged up front,
 * rounded up to whole minutes; ending early gives the unused whole minutes back.
 *
 * Throws a RangeError if `requestedMinutes` is not a positive whole number (a caller bug: the
 * message schema should have refused it).
 */
export function startSelfDeclaredBreak(
  schedule: CompiledSchedule,
  instant: number,
  state: BreakState,
  usage: BreakUsage | null,
  requestedMinutes?: number,
): StartBreakResult {
  if (requestedMinutes !== undefined && !(Number.isInteger(requestedMinutes) && requestedMinutes > 0)) {
    throw new RangeError(`requestedMinutes must be a positive whole number, not ${requestedMinutes}`);
  }
  const policy = schedule.selfDeclared;
  if (policy === null) return { ok: false, reason: 'not-configured' };
  if (isOnSelfDeclaredBreak(state, instant)) return { ok: false, reason: 'already-on-break' };

  const now = modeOnlyAt(schedule, instant, state);
  if (now.mode === 'break') return { ok: false, reason: 'already-on-break' };
  const wallMs = wallMsAt(schedule.zone, instant);
  const minute = msIntoDay(wallMs) / MS_PER_MINUTE;
  const inWindow = policy.days.includes(weekdayOf(wallMs)) && policy.window.start <= minute && minute < policy.window.end;
  if (now.mode !== 'work' || !inWindow) return { ok: false, reason: 'not-allowed-now' };

  const today = usageOn(localDateOf(wallMs), usage);
  const remaining = policy.maxMinutesPerDay - today.minutesUsed;
  if (remaining <= 0) return { ok: false, reason: 'daily-cap-reached' };

  const minutes = Math.min(requestedMinutes ?? remaining, remaining);
  const windowEnds = instantOfWallClock(schedule.zone, startOfWallDay(wallMs) + policy.window.end * MS_PER_MINUTE);
  const workEnds = nextChange(schedule, instant, { ...state, selfDeclared: null }) ?? Infinity;
  const endsAt = Math.min(instant + minutes * MS_PER_MINUTE, windowEnds, workEnds);
  const charged = Math.ceil((endsAt - instant) / MS_PER_MINUTE);
  return {
    ok: true,
    state: { ...state, selfDeclared: { startedAt: instant, endsAt } },
    usage: { date: today.date, minutesUsed: today.minutesUsed + charged },
    endsAt,
  };
}

/**
 * End the self-declared break at `instant`. Ending early gives back the whole minutes not used.
 * The break stays in the state, cut to end at `instant`: it is over (modeAt sees work), but
 * when it ended is still known, so a page can say "Your break ended at 12:10". Ending one that
 * is already over (or none) changes nothing but the day's usage record. Usage is returned for
 * the local date of `instant`, reset if that is a new day.
 */
export function endSelfDeclaredBreak(
  schedule: CompiledSchedule,
  instant: number,
  state: BreakState,
  usage: BreakUsage | null,
): { state: BreakState; usage: BreakUsage } {
  const today = usageOn(localDateOf(wallMsAt(schedule.zone, instant)), usage);
  const declared = state.selfDeclared;
  if (declared === null || instant >= declared.endsAt) return { state, usage: today };
  // A clock set back before the start: the break never happened (an empty range is no break).
  const ended = { ...state, selfDeclared: { startedAt: declared.startedAt, endsAt: Math.max(declared.startedAt, instant) } };
  // Minutes were charged to the day the break started; refund only if that is the day we hold.
  if (localDateOf(wallMsAt(schedule.zone, declared.startedAt)) !== today.date) return { state: ended, usage: today };
  const unused = Math.floor((declared.endsAt - Math.max(instant, declared.startedAt)) / MS_PER_MINUTE);
  return { state: ended, usage: { date: today.date, minutesUsed: Math.max(0, today.minutesUsed - unused) } };
}

/** What the popup shows about self-declared breaks now. */
export type SelfDeclaredStatus = {
  /** The policy offers self-declared breaks to this group at all. */
  offered: boolean;
  /** Epoch ms at which the break under way ends, or null. */
  onBreakUntil: number | null;
  /** A break may start now. */
  canStart: boolean;
  /** Why not, when it may not. */
  reason: 'not-allowed-now' | 'daily-cap-reached' | 'not-configured' | 'already-on-break' | null;
  /** Whole minutes of the daily allowance not yet used today. */
  minutesLeft: number;
  /** The longest break that may start now, in whole minutes (the allowance, the window and the working day all limit it). */
  longestMinutes: number;
  maxMinutesPerDay: number;
};

/** Pure, like the rest: a dry run of startSelfDeclaredBreak at `instant`. */
export function selfDeclaredStatus(schedule: CompiledSchedule, instant: number, state: BreakState, usage: BreakUsage | null): SelfDeclaredStatus {
  const policy = schedule.selfDeclared;
  const max = policy?.maxMinutesPerDay ?? 0;
  const today = usageOn(localDateOf(wallMsAt(schedule.zone, instant)), usage);
  const minutesLeft = Math.max(0, max - today.minutesUsed);
  const onBreakUntil = isOnSelfDeclaredBreak(state, instant) ? state.selfDeclared!.endsAt : null;
  const trial = startSelfDeclaredBreak(schedule, instant, state, usage);
  const longest = trial.ok ? Math.floor((trial.endsAt - instant) / MS_PER_MINUTE) : 0;
  // Less than a whole minute before the window or the working day ends, or a fixed break starts:
  // nothing worth offering (and the popup asks for whole minutes).
  const canStart = trial.ok && longest >= 1;
  return {
    offered: policy !== null,
    onBreakUntil,
    canStart,
    reason: canStart ? null : trial.ok ? 'not-allowed-now' : trial.reason,
    minutesLeft,
    longestMinutes: canStart ? longest : 0,
    maxMinutesPerDay: max,
  };
}
