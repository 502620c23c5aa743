import { afterEach, describe, expect, it } from 'vitest';
import { markOnce, markPhase, startPhase, startPhases } from './phases.ts';

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

describe('startPhase: the worker\'s first read of each kind, timed and kept through syncs', () => {
  afterEach(() => performance.clearMeasures());
  const measures = (name: string) => performance.getEntriesByName(`aup-start:${name}`, 'measure');

  it('times the first run only, returns every run\'s result, and a new sync does not clear it', async () => {
    expect(await startPhase('read break', async () => {
      await new Promise((r) => setTimeout(r, 20));
      return 'first';
    })).toBe('first');
    expect(measures('read break')).toHaveLength(1);
    const first = measures('read break')[0]!;
    expect(first.duration).toBeGreaterThanOrEqual(15);
    expect(await startPhase('read break', () => 'second')).toBe('second');
    startPhases();
    expect(measures('read break')).toEqual([first]);
  });

  it('times a read that fails, and passes its error on', async () => {
    await expect(startPhase('read settings', () => Promise.reject(new Error('storage gone')))).rejects.toThrow('storage gone');
    expect(measures('read settings')).toHaveLength(1);
  });
});
