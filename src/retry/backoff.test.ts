import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff.ts';
import { pruneCoveredHosts } from '../lists/prune-hosts.ts';

describe('retry back-off', () => {
  it('grows from one minute, doubling, and never exceeds the refresh interval', () => {
    const mid = () => 0.5;
    expect(retryDelayMs(0, 60, mid)).toBe(3_600_000);
    expect(retryDelayMs(1, 60, mid)).toBe(60_000);
    expect(retryDelayMs(2, 60, mid)).toBe(120_000);
    expect(retryDelayMs(5, 60, mid)).toBe(960_000);
    expect(retryDelayMs(50, 60, mid)).toBe(3_600_000);
  });

  it('spreads devices by ±20 %', () => {
    expect(retryDelayMs(1, 60, () => 0)).toBe(48_000);
    expect(retryDelayMs(1, 60, () => 0.999999)).toBeCloseTo(72_000, -2);
  });
});

describe('pruneCoveredHosts', () => {
  it('keeps parents, drops their subdomains and duplicates, and sorts', () => {
    expect(pruneCoveredHosts(['www.b.test', 'b.test', 'a.test', 'b.test', 'x.a.test.example', 'deep.x.b.test'])).toEqual(['a.test', 'b.test', 'x.a.test.example']);
  });
});
