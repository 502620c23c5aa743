import type { WorkerProblem } from '../protocol/worker-problems.ts';
/**
 * The report outbox, pure: a report is queued (and stored by the caller) before any network call,
 * delivered later with retries, and never dropped silently. The worker keeps the state in a
 * stored record and drives it with one alarm (`nextAttemptAt`); the server deduplicates by the
 * report's id, so delivering twice after a crash is harmless.
 *
 * States: `queued` (waiting for its next attempt), `delivered` (the server gave a receipt),
 * `refused` (the server said the report itself is wrong: retrying cannot help; shown to the
 * person with the reason, kept until they dismiss it).
 */

export type OutboxEntry<R> = {
  id: string;
  report: R;
  state: 'queued' | 'delivered' | 'refused';
  queuedAt: number;
  attempts: number;
  /** Epoch ms of the next attempt (queued entries only). */
  nextAttemptAt: number | null;
  lastError: string | null;
  /**
   * The last delivery problem as a code the pages put in their own language (lastError keeps the
   * detail for support staff). Optional: entries stored before it existed have none.
   */
  lastProblem?: WorkerProblem | null;
  receipt: string | null;
  deliveredAt: number | null;
};

export type Outbox<R> = { entries: OutboxEntry<R>[] };

/** Undelivered reports kept at most; delivered ones are kept for "My reports" up to DELIVERED_KEPT. */
export const MAX_UNDELIVERED = 200;
export const DELIVERED_KEPT = 50;

export type EnqueueResult<R> = { ok: true; outbox: Outbox<R> } | { ok: false; reason: 'outbox-full' | 'duplicate' };

/** Queue `report` for delivery now. Refuses (never drops an older report) when the undelivered part is full. */
export function enqueue<R>(outbox: Outbox<R>, id: string, report: R, now: number): EnqueueResult<R> {
  if (outbox.entries.some((e) => e.id === id)) return { ok: false, reason: 'duplicate' };
  if (outbox.entries.filter((e) => e.state !== 'delivered').length >= MAX_UNDELIVERED) return { ok: false, reason: 'outbox-full' };
  const entry: OutboxEntry<R> = { id, report, state: 'queued', queuedAt: now, attempts: 0, nextAttemptAt: now, lastError: null, lastProblem: null, receipt: null, deliveredAt: null };
  return { ok: true, outbox: withoutOldDelivered({ entries: [...outbox.entries, entry] }) };
}

/** Queued entries whose attempt is due at `now`, oldest first. */
export function dueEntries<R>(outbox: Outbox<R>, now: number): OutboxEntry<R>[] {
  return outbox.entries.filter((e) => e.state === 'queued' && (e.nextAttemptAt ?? 0) <= now).sort((a, b) => a.queuedAt - b.queuedAt);
}

/**
 * Every queued report due at `now`, whatever its back-off said: a browser start (or a person
 * asking) is a new chance, and the server stores each id once, so trying again is harmless.
 */
export function allDueNow<R>(outbox: Outbox<R>, now: number): Outbox<R> {
  return { entries: outbox.entries.map((e) => (e.state === 'queued' ? { ...e, nextAttemptAt: Math.min(e.nextAttemptAt ?? now, now) } : e)) };
}

/** When the next attempt is due (for the alarm), or null when nothing waits. */
export function nextAttemptAt<R>(outbox: Outbox<R>): number | null {
  const times = outbox.entries.filter((e) => e.state === 'queued').map((e) => e.nextAttemptAt ?? 0);
  return times.length === 0 ? null : Math.min(...times);
}

function update<R>(outbox: Outbox<R>, id: string, change: (e: OutboxEntry<R>) => OutboxEntry<R>): Outbox<R> {
  return { entries: outbox.entries.map((e) => (e.id === id ? change(e) : e)) };
}

export function markDelivered<R>(outbox: Outbox<R>, id: string, receipt: string, now: number): Outbox<R> {
  return withoutOldDelivered(update(outbox, id, (e) => ({ ...e, state: 'delivered', receipt, deliveredAt: now, nextAttemptAt: null, lastError: null, lastProblem: null, attempts: e.attempts + 1 })));
}

/**
 * A failed attempt. `retriable` failures (network down, timeout, 5xx, 429, a missing endpoint or
 * token that ICT may still configure) wait with exponential back-off from 30 s, capped at an hour,
 * with ±20 % jitter so a fleet does not return to a recovering server in step. A refusal of the
 * report itself (400, 413, 422) is final.
 */
export function markFailed<R>(
  outbox: Outbox<R>, id: string, error: string, retriable: boolean, now: number, random: () => number = Math.random, why: WorkerProblem | null = null,
): Outbox<R> {
  return update(outbox, id, (e) => {
    const attempts = e.attempts + 1;
    if (!retriable) return { ...e, state: 'refused', attempts, nextAttemptAt: null, lastError: error, lastProblem: why };
    return { ...e, attempts, nextAttemptAt: now + retryDelay(attempts, random), lastError: error, lastProblem: why };
  });
}

export function retryDelay(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(3_600_000, 30_000 * 2 ** Math.min(Math.max(attempts - 1, 0), 16));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Delivered entries beyond the newest DELIVERED_KEPT go (they are on the server, with their receipts). */
function withoutOldDelivered<R>(outbox: Outbox<R>): Outbox<R> {
  const delivered = outbox.entries.filter((e) => e.state === 'delivered').sort((a, b) => (b.deliveredAt ?? 0) - (a.deliveredAt ?? 0));
  const drop = new Set(delivered.slice(DELIVERED_KEPT).map((e) => e.id));
  return drop.size === 0 ? outbox : { entries: outbox.entries.filter((e) => !drop.has(e.id)) };
}

/**
 * A 400 whose only complaints are fields the server does not know: an `aup serve` older than the
 * extension (ICT upgraded devices first). Not the report's fault, so it is retried, not refused.
 */
export function refusedByOlderServer(issues: unknown): boolean {
  return Array.isArray(issues) && issues.length > 0
    && issues.every((i) => typeof (i as { message?: unknown } | null)?.message === 'string' && /^Unrecognized keys?:/.test((i as { message: string }).message));
}

/** Whether an HTTP answer (or none: `status` null) is worth trying again. */
export function isRetriable(status: number | null): boolean {
  if (status === null) return true;
  if (status === 408 || status === 425 || status === 429) return true;
  if (status === 401 || status === 403) return true; // the token may be fixed by ICT; keep the report
  return status >= 500;
}
