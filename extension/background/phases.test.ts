import { afterEach, describe, expect, it } from 'vitest';
import { markOnce, markPhase, startPhases } from './phases.ts';

describe('markOnce: a start-up moment of the worker, kept through syncs', () => {
  afterEach(() => performance.clearMarks());

  it('keeps the first moment only, and a new sync does not clear it', async () => {
    markOnce('guard ready');
    const first = performance.getEntriesByName('aup:guard ready', 'mark');
    expect(first).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 5));
    markOnce('guard ready');
    const after = performance.getEntriesByName('aup:guard ready', 'mark');
    expect(after).toHaveLength(1);
    expect(after[0]!.startTime).toBe(first[0]!.startTime);
    markPhase('sync start');
    startPhases();
    expect(performance.getEntriesByName('aup:guard ready', 'mark')).toHaveLength(1);
    expect(performance.getEntriesByName('aup:sync start', 'measure')).toHaveLength(0);
  });

  it('marks each name separately', () => {
    markOnce('background script');
    markOnce('guard ready');
    expect(performance.getEntriesByType('mark').map((m) => m.name).sort()).toEqual(['aup:background script', 'aup:guard ready']);
  });
});
