import { retryDelayMs } from './backoff.ts';

/*
 * When a device asks ICT's server for a policy. Server load must scale with the refresh setting
 * and the number of devices, not with how often the browser wakes the worker (a message, the
 * options page, an idle worker stopped and started again: many times an hour). So a check
 * happens on the refresh alarm, at browser start, install or update, when a person asks, and when
 * the configuration changes; a mere wake checks only when the device would otherwise go without
 * a usable bundle for too long (none held, expired or about to, from another address) or its
 * alarm has been lost — and even then no sooner than the back-off allows.
 */

export type CheckReason =
  /** the refresh alarm fired (the schedule, or a retry after a failure) */
  | 'alarm'
  /** runtime.onStartup: the browser started with the extension in it */
  | 'browser-start'
  /** runtime.onInstalled: installed, updated, or the browser updated */
  | 'install'
  /** a person pressed "check now" (popup or options page) */
  | 'user'
  /** ICT's managed settings or the local settings changed (the address or keys may differ) */
  | 'config-change'
  /** the worker started for any other reason (a message, a navigation, managed storage answering late) */
  | 'wake';

export type CheckScheduleInput = {
  reason: CheckReason;
  now: number;
  refreshMinutes: number;
  /** The configured policy address; null when there is nowhere trustworthy to fetch from (a wake then never checks). */
  policyUrl: string | null;
  /** The stored last-known-good bundle, if any: where it came from and when it expires (ms). */
  held: { policyUrl: string | null; expiresAt: number } | null;
  /** The last check (successful or not), ms; null: never. */
  checkedAt: number | null;
  /** Consecutive failed checks. */
  failures: number;
  /** When the refresh alarm will fire (ms); null when the browser has none. */
  alarmAt: number | null;
};

export type CheckDecision =
  | { check: true; why: string }
  /** `armAt`: set the refresh alarm then (it is missing or would fire too late); null: leave it. */
  | { check: false; why: string; armAt: number | null };

/** Check before a bundle expires by this much (or half the refresh interval, if shorter). */
export const EXPIRY_MARGIN_MS = 60 * 60_000;
/** A normal (successful) refresh is spread by ±10 % so a fleet does not stay in step. */
export const REFRESH_JITTER = 0.1;

function expiryMargin(refreshMinutes: number): number {
  return Math.min(EXPIRY_MARGIN_MS, (refreshMinutes * 60_000) / 2);
}

/**
 * When the next check is due after one that ended with `failures` consecutive failures:
 * the refresh interval ±10 % after a success, the back-off of ./backoff.ts after a failure, and
 * no later than `expiryMargin` before the held bundle expires while that is still ahead (once
 * it has passed, the plain interval: an expired bundle keeps enforcing, and a server that has
 * not published a new one must not be asked every minute). Never sooner than a minute.
 */
export function nextCheckAt(now: number, refreshMinutes: number, failures: number, expiresAt: number | null, random: () => number = Math.random): number {
  const delay =
    failures > 0 ? retryDelayMs(failures, refreshMinutes, random) : Math.round(refreshMinutes * 60_000 * (1 - REFRESH_JITTER + 2 * REFRESH_JITTER * random()));
  let at = now + delay;
  const checkBy = expiresAt === null ? null : expiresAt - expiryMargin(refreshMinutes);
  if (checkBy !== null && checkBy > now) at = Math.min(at, checkBy);
  return Math.max(at, now + 60_000);
}

/** The shortest wait the back-off allows after `failures` failures (its lowest jitter). */
function backoffFloorMs(failures: number, refreshMinutes: number): number {
  return failures > 0 ? retryDelayMs(failures, refreshMinutes, () => 0) : 0;
}

/** The alarm, browser start and install share one check that ended this recently (and succeeded). */
export const COALESCE_MS = 60_000;
/** A wake never checks again sooner than this after the last check, whatever is missing. */
export const WAKE_MIN_GAP_MS = 60_000;
/** …nor, for a bundle held that has expired or is about to, sooner than this (or the interval, if shorter). */
export const WAKE_EXPIRED_GAP_MS = 15 * 60_000;

/** Why a wake may need a check now (null: the alarm will do): the device lacks a usable bundle. */
function unprotected(input: CheckScheduleInput): { why: string; gapMs: number } | null {
  const { held, policyUrl, now, refreshMinutes } = input;
  if (held === null) return { why: 'no bundle held', gapMs: WAKE_MIN_GAP_MS };
  if (held.policyUrl !== policyUrl) return { why: 'the bundle held came from another address', gapMs: WAKE_MIN_GAP_MS };
  if (now >= held.expiresAt - expiryMargin(refreshMinutes)) return { why: 'the bundle held has expired or is about to', gapMs: Math.min(WAKE_EXPIRED_GAP_MS, refreshMinutes * 60_000) };
  return null;
}

/** Should this event start a policy check now? Pure: the worker passes what storage and the alarm say. */
export function decidePolicyCheck(input: CheckScheduleInput): CheckDecision {
  const { reason, now, refreshMinutes, policyUrl, held, checkedAt, failures, alarmAt } = input;
  const sinceCheck = checkedAt === null ? Infinity : now - checkedAt;
  // A person or ICT asked: always (a sync also records why it cannot fetch).
  if (reason === 'user' || reason === 'config-change') return { check: true, why: reason };
  if (reason !== 'wake') {
    // At browser start an alarm missed while the browser was closed fires too: one check serves both.
    if (failures === 0 && sinceCheck < COALESCE_MS) {
      return { check: false, why: `a check ended ${Math.round(sinceCheck / 1000)} s ago`, armAt: alarmAt === null ? nextCheckAt(checkedAt!, refreshMinutes, 0, held?.expiresAt ?? null) : null };
    }
    return { check: true, why: reason };
  }
  if (policyUrl === null) return { check: false, why: 'nowhere to fetch from', armAt: null };

  // Protection first: without a usable bundle from this address, do not wait for a far alarm —
  // but no sooner than the back-off allows, so a fleet cannot hammer a server that is down.
  const lacking = unprotected(input);
  if (lacking) {
    const gap = Math.max(lacking.gapMs, backoffFloorMs(failures, refreshMinutes));
    if (sinceCheck >= gap) return { check: true, why: lacking.why };
    const dueAt = checkedAt! + gap;
    // The retry alarm may sit anywhere in the back-off's jitter; only one beyond it is brought forward.
    const latest = checkedAt! + Math.max(gap, failures > 0 ? retryDelayMs(failures, refreshMinutes, () => 1) : 0) + 60_000;
    return { check: false, why: `${lacking.why}; next check at ${new Date(dueAt).toISOString()}`, armAt: alarmAt === null || alarmAt > latest ? dueAt : null };
  }
  if (alarmAt === null) {
    // The browser lost the alarm (it may, on update or restore): catch up if a check is overdue.
    const overdue = failures > 0 ? sinceCheck >= backoffFloorMs(failures, refreshMinutes) : sinceCheck >= refreshMinutes * 60_000;
    if (overdue) return { check: true, why: 'the refresh alarm was missing and a check is overdue' };
    return { check: false, why: 'the refresh alarm was missing', armAt: nextCheckAt(checkedAt ?? now, refreshMinutes, failures, held!.expiresAt) };
  }
  const checkBy = held!.expiresAt - expiryMargin(refreshMinutes);
  if (alarmAt > checkBy) return { check: false, why: 'the refresh alarm would fire too close to the bundle expiring', armAt: checkBy };
  return { check: false, why: 'the refresh alarm will check', armAt: null };
}
