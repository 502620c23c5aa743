import { describe, expect, it } from 'vitest';
import { DELIVERED_KEPT, MAX_UNDELIVERED, allDueNow, dueEntries, enqueue, isRetriable, markDelivered, refusedByOlderServer, markFailed, nextAttemptAt, retryDelay, type Outbox } from './outbox.ts';
import { reportableUrl } from './report-url.ts';

const empty: Outbox<string> = { entries: [] };
const must = <T>(r: { ok: true; outbox: T } | { ok: false; reason: string }): T => {
  if (!r.ok) throw new Error(r.reason);
  return r.outbox;
};

describe('report outbox', () => {
  it('queues a report due at once, delivers it with its receipt, and then nothing is due', () => {
    const queued = must(enqueue(empty, 'a', 'report a', 1_000));
    expect(dueEntries(queued, 1_000).map((e) => e.id)).toEqual(['a']);
    expect(nextAttemptAt(queued)).toBe(1_000);
    const done = markDelivered(queued, 'a', 'R-1', 2_000);
    expect(done.entries[0]).toMatchObject({ state: 'delivered', receipt: 'R-1', attempts: 1 });
    expect(dueEntries(done, 10_000)).toEqual([]);
    expect(nextAttemptAt(done)).toBeNull();
  });

  it('retries a retriable failure later, with growing, jittered, capped delays; refuses for good on a final one', () => {
    let box = must(enqueue(empty, 'a', 'r', 0));
    box = markFailed(box, 'a', 'server down', true, 0, () => 0.5);
    expect(box.entries[0]).toMatchObject({ state: 'queued', attempts: 1, nextAttemptAt: 30_000, lastError: 'server down' });
    expect(dueEntries(box, 29_999)).toEqual([]);
    expect(dueEntries(box, 30_000)).toHaveLength(1);
    expect([1, 2, 3, 8, 40].map((n) => retryDelay(n, () => 0.5))).toEqual([30_000, 60_000, 120_000, 3_600_000, 3_600_000]);
    expect(retryDelay(1, () => 0)).toBe(24_000);
    box = markFailed(box, 'a', 'bad report', false, 40_000);
    expect(box.entries[0]).toMatchObject({ state: 'refused', nextAttemptAt: null, lastError: 'bad report' });
    expect(nextAttemptAt(box)).toBeNull();
  });

  it('refuses a new report when the undelivered part is full, never dropping an older one', () => {
    let box = empty;
    for (let i = 0; i < MAX_UNDELIVERED; i++) box = must(enqueue(box, `r${i}`, 'x', i));
    expect(enqueue(box, 'one-more', 'x', 999)).toEqual({ ok: false, reason: 'outbox-full' });
    expect(box.entries).toHaveLength(MAX_UNDELIVERED);
    // Once one is delivered there is room again.
    box = markDelivered(box, 'r0', 'R', 1_000);
    expect(enqueue(box, 'one-more', 'x', 1_001).ok).toBe(true);
  });

  it('keeps only the newest delivered reports, and never queues the same id twice', () => {
    let box = empty;
    for (let i = 0; i < DELIVERED_KEPT + 5; i++) box = markDelivered(must(enqueue(box, `r${i}`, 'x', i)), `r${i}`, `R${i}`, 100 + i);
    expect(box.entries).toHaveLength(DELIVERED_KEPT);
    expect(box.entries.some((e) => e.id === 'r0')).toBe(false);
    expect(enqueue(box, `r${DELIVERED_KEPT + 4}`, 'x', 1)).toEqual({ ok: false, reason: 'duplicate' });
  });

  it('makes every queued report due at a browser start, leaving delivered and refused ones alone', () => {
    let outbox = must(enqueue(empty, 'waiting', 'w', 0));
    outbox = must(enqueue(outbox, 'done', 'd', 0));
    outbox = must(enqueue(outbox, 'refused', 'r', 0));
    outbox = markFailed(outbox, 'waiting', 'down', true, 1_000, () => 0.5);
    outbox = markDelivered(outbox, 'done', 'R-2026-000001', 1_000);
    outbox = markFailed(outbox, 'refused', 'bad', false, 1_000);
    expect(dueEntries(outbox, 2_000)).toEqual([]);
    const now = allDueNow(outbox, 2_000);
    expect(dueEntries(now, 2_000).map((e) => e.id)).toEqual(['waiting']);
    expect(now.entries.find((e) => e.id === 'done')).toEqual(outbox.entries.find((e) => e.id === 'done'));
    expect(now.entries.find((e) => e.id === 'refused')?.state).toBe('refused');
  });

  it('tells a server older than the extension (unknown fields only) from a report that is wrong', () => {
    expect(refusedByOlderServer([{ path: '(root)', message: 'Unrecognized key: "userIdentity"' }])).toBe(true);
    expect(refusedByOlderServer([{ path: '(root)', message: 'Unrecognized keys: "a", "b"' }])).toBe(true);
    expect(refusedByOlderServer([{ path: '(root)', message: 'Unrecognized key: "x"' }, { path: 'url', message: 'not a URL' }])).toBe(false);
    expect(refusedByOlderServer([])).toBe(false);
    expect(refusedByOlderServer(undefined)).toBe(false);
    expect(refusedByOlderServer([null])).toBe(false);
  });

  it('knows which answers are worth another try', () => {
    expect([null, 500, 502, 503, 429, 408, 401, 403].map(isRetriable)).toEqual(Array(8).fill(true));
    expect([400, 404, 413, 422].map(isRetriable)).toEqual([false, false, false, false]);
  });
});

describe('the address a report carries', () => {
  it.each([
    ['https://u:p@www.example.test/a/b?q=secret#frag', { scope: 'page', keepQuery: false }, 'https://www.example.test/a/b'],
    ['https://u:p@www.example.test/a/b?q=secret#frag', { scope: 'page', keepQuery: true }, 'https://www.example.test/a/b?q=secret'],
    ['https://u:p@www.example.test:8443/a/b?q=secret#frag', { scope: 'site', keepQuery: true }, 'https://www.example.test:8443/'],
    ['javascript:alert(1)', { scope: 'page', keepQuery: false }, null],
    ['data:text/html,<b>x</b>', { scope: 'site', keepQuery: false }, null],
    ['not a url', { scope: 'page', keepQuery: false }, null],
  ] as const)('%s (%o) → %s', (url, options, expected) => {
    expect(reportableUrl(url, options)).toBe(expected);
  });

  it('never carries more than 2,048 characters', () => {
    const long = `https://example.test/${'a'.repeat(5_000)}?q=${'b'.repeat(100)}`;
    expect(reportableUrl(long, { scope: 'page', keepQuery: true })!.length).toBeLessThanOrEqual(2048);
  });
});
