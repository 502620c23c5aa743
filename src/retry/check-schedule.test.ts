import { describe, expect, it } from 'vitest';
import { COALESCE_MS, decidePolicyCheck, nextCheckAt, WAKE_EXPIRED_GAP_MS, type CheckScheduleInput } from './check-schedule.ts';

const NOW = Date.parse('2026-12-05T10:00:00Z');
const MIN = 60_000;
const URL_A = 'https://policy.council.test/manifest.json';

/** A healthy device: a bundle from this address valid for 30 days, checked 10 minutes ago, alarm in 50. */
function healthy(over: Partial<CheckScheduleInput> = {}): CheckScheduleInput {
  return {
    reason: 'wake',
    now: NOW,
    refreshMinutes: 60,
    policyUrl: URL_A,
    held: { policyUrl: URL_A, expiresAt: NOW + 30 * 86_400_000 },
    checkedAt: NOW - 10 * MIN,
    failures: 0,
    alarmAt: NOW + 50 * MIN,
    ...over,
  };
}

describe('when a policy check happens', () => {
  it('a wake of a healthy device does not check: the alarm will', () => {
    expect(decidePolicyCheck(healthy())).toMatchObject({ check: false, armAt: null });
    // However often it wakes, and however recently or long ago it checked, while the alarm is set.
    for (const ago of [0, 1, 30, 59, 61, 600]) expect(decidePolicyCheck(healthy({ checkedAt: NOW - ago * MIN })).check).toBe(false);
  });

  it('the alarm, browser start, install, a person and a settings change check', () => {
    for (const reason of ['alarm', 'browser-start', 'install', 'user', 'config-change'] as const) {
      expect(decidePolicyCheck(healthy({ reason })).check, reason).toBe(true);
    }
  });

  it('browser start and an alarm missed while the browser was closed share one check', () => {
    const justChecked = healthy({ checkedAt: NOW - 5_000 });
    expect(decidePolicyCheck({ ...justChecked, reason: 'alarm' }).check).toBe(false);
    expect(decidePolicyCheck({ ...justChecked, reason: 'browser-start' }).check).toBe(false);
    expect(decidePolicyCheck({ ...justChecked, reason: 'alarm', checkedAt: NOW - COALESCE_MS }).check).toBe(true);
    // A person asking, or changed settings, always check.
    expect(decidePolicyCheck({ ...justChecked, reason: 'user' }).check).toBe(true);
    expect(decidePolicyCheck({ ...justChecked, reason: 'config-change' }).check).toBe(true);
    // A retry after a failure is never swallowed.
    expect(decidePolicyCheck({ ...justChecked, reason: 'alarm', failures: 2 }).check).toBe(true);
  });

  it('a coalesced alarm with no alarm left re-arms one', () => {
    const d = decidePolicyCheck(healthy({ reason: 'alarm', checkedAt: NOW - 5_000, alarmAt: null }));
    expect(d.check).toBe(false);
    if (!d.check) expect(d.armAt).toBeGreaterThan(NOW + 50 * MIN);
  });

  it('a wake with no bundle held checks at once (a device is not left on the baseline until a far alarm)', () => {
    expect(decidePolicyCheck(healthy({ held: null, checkedAt: null })).check).toBe(true);
    expect(decidePolicyCheck(healthy({ held: null, checkedAt: NOW - 2 * MIN })).check).toBe(true);
  });

  it('a wake with an expired bundle, or one about to expire, checks; one from another address too', () => {
    expect(decidePolicyCheck(healthy({ held: { policyUrl: URL_A, expiresAt: NOW - 1 }, checkedAt: NOW - 20 * MIN })).check).toBe(true);
    expect(decidePolicyCheck(healthy({ held: { policyUrl: URL_A, expiresAt: NOW + 5 * MIN }, checkedAt: NOW - 20 * MIN })).check).toBe(true);
    expect(decidePolicyCheck(healthy({ held: { policyUrl: 'https://old.council.test/manifest.json', expiresAt: NOW + 86_400_000 } })).check).toBe(true);
  });

  it('…but no sooner than the back-off allows, so waking devices cannot hammer a server that is down', () => {
    // Five failures: the back-off is 16 minutes (12.8 at its lowest jitter).
    const down = healthy({ held: null, failures: 5, checkedAt: NOW - 5 * MIN, alarmAt: NOW + 9 * MIN });
    expect(decidePolicyCheck(down)).toMatchObject({ check: false, armAt: null });
    expect(decidePolicyCheck({ ...down, checkedAt: NOW - 13 * MIN }).check).toBe(true);
    // A wake seconds after a check never repeats it, whatever is missing.
    expect(decidePolicyCheck(healthy({ held: null, checkedAt: NOW - 10_000 })).check).toBe(false);
    // An expired bundle that the server has not replaced: every 15 minutes at most from wakes.
    const expired = healthy({ held: { policyUrl: URL_A, expiresAt: NOW - 1 }, checkedAt: NOW - 5 * MIN });
    expect(decidePolicyCheck(expired).check).toBe(false);
    expect(decidePolicyCheck({ ...expired, checkedAt: NOW - WAKE_EXPIRED_GAP_MS }).check).toBe(true);
  });

  it('a wake that finds the retry alarm far beyond the back-off brings it forward', () => {
    const d = decidePolicyCheck(healthy({ held: null, failures: 1, checkedAt: NOW - 10_000, alarmAt: NOW + 60 * MIN }));
    expect(d.check).toBe(false);
    if (!d.check) expect(d.armAt).toBe(NOW - 10_000 + 60_000);
  });

  it('a wake that finds the refresh alarm lost re-arms it, or checks if one is overdue', () => {
    const lost = decidePolicyCheck(healthy({ alarmAt: null }));
    expect(lost.check).toBe(false);
    if (!lost.check) {
      expect(lost.armAt).toBeGreaterThanOrEqual(NOW - 10 * MIN + 54 * MIN);
      expect(lost.armAt).toBeLessThanOrEqual(NOW - 10 * MIN + 66 * MIN);
    }
    expect(decidePolicyCheck(healthy({ alarmAt: null, checkedAt: NOW - 61 * MIN })).check).toBe(true);
    expect(decidePolicyCheck(healthy({ alarmAt: null, checkedAt: null })).check).toBe(true);
  });

  it('an alarm set after the bundle would expire is brought forward to before it', () => {
    const expiresAt = NOW + 3 * 60 * MIN;
    const d = decidePolicyCheck(healthy({ refreshMinutes: 1440, held: { policyUrl: URL_A, expiresAt }, alarmAt: NOW + 20 * 60 * MIN }));
    expect(d).toMatchObject({ check: false, armAt: expiresAt - 60 * MIN });
  });

  it('a wake never checks when there is nowhere to fetch from', () => {
    expect(decidePolicyCheck(healthy({ policyUrl: null, held: null, checkedAt: null })).check).toBe(false);
  });
});

describe('the next check', () => {
  it('is the refresh interval ±10 % after a success', () => {
    expect(nextCheckAt(NOW, 60, 0, null, () => 0)).toBe(NOW + 54 * MIN);
    expect(nextCheckAt(NOW, 60, 0, null, () => 0.5)).toBe(NOW + 60 * MIN);
    expect(nextCheckAt(NOW, 60, 0, null, () => 0.999999)).toBeCloseTo(NOW + 66 * MIN, -3);
  });

  it('follows the back-off after failures', () => {
    expect(nextCheckAt(NOW, 60, 1, null, () => 0.5)).toBe(NOW + MIN);
    expect(nextCheckAt(NOW, 60, 3, null, () => 0.5)).toBe(NOW + 4 * MIN);
  });

  it('comes before the held bundle expires, while that is ahead, and never sooner than a minute', () => {
    expect(nextCheckAt(NOW, 1440, 0, NOW + 5 * 60 * MIN, () => 0.5)).toBe(NOW + 4 * 60 * MIN);
    expect(nextCheckAt(NOW, 60, 0, NOW + 61 * MIN, () => 0.5)).toBe(NOW + 31 * MIN);
    // Already inside the margin, or expired: the plain interval (not every minute).
    expect(nextCheckAt(NOW, 60, 0, NOW + 10 * MIN, () => 0.5)).toBe(NOW + 60 * MIN);
    expect(nextCheckAt(NOW, 60, 0, NOW - 1, () => 0.5)).toBe(NOW + 60 * MIN);
  });

  it('spreads a fleet: 1,000 devices checked at the same moment are due over a 12-minute window', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const due = Array.from({ length: 1000 }, () => nextCheckAt(NOW, 60, 0, null, random) - NOW);
    expect(Math.min(...due)).toBeGreaterThanOrEqual(54 * MIN);
    expect(Math.max(...due)).toBeLessThanOrEqual(66 * MIN);
    expect(Math.max(...due) - Math.min(...due)).toBeGreaterThan(10 * MIN);
  });
});
