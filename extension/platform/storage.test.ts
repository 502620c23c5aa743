import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';

/*
 * Managed storage that answers late, or not at all: the device stays "managed, not known yet"
 * (never unmanaged), reads never wait long, and the read is tried again until the browser answers.
 */

type Storage = typeof import('./storage.ts');
let storage: Storage;
let answers: Array<'hang' | Record<string, unknown>>;
let calls: number;

beforeEach(async () => {
  vi.useFakeTimers();
  fakeBrowser.reset();
  answers = [];
  calls = 0;
  const managed = {
    get: () => {
      calls++;
      const next = answers.shift() ?? 'hang';
      return next === 'hang' ? new Promise(() => undefined) : Promise.resolve(next);
    },
  };
  Object.defineProperty(fakeBrowser.storage, 'managed', { value: managed, configurable: true });
  vi.resetModules();
  storage = await import('./storage.ts');
});
afterEach(() => {
  vi.useRealTimers();
});

async function read(): Promise<Record<string, unknown> | null> {
  const pending = storage.readManaged();
  await vi.advanceTimersByTimeAsync(3_000);
  return pending;
}

describe('reading ICT\'s managed settings', () => {
  it('answers at once when the browser does, and tells nobody "it arrived" (nobody waited)', async () => {
    answers = [{ group: 'office' }];
    const settled = vi.fn();
    storage.onManagedSettled(settled);
    expect(await read()).toEqual({ group: 'office' });
    expect(settled).not.toHaveBeenCalled();
  });

  it('says "not known yet" after a short wait when the browser does not answer, asks again, and announces the answer', async () => {
    answers = ['hang', 'hang', { group: 'office' }];
    const settled = vi.fn();
    storage.onManagedSettled(settled);
    expect(await read()).toBeNull();
    // Retried on a timer (5 s, then 10 s) without anyone calling: the hung reads are abandoned.
    await vi.advanceTimersByTimeAsync(20_000);
    expect(calls).toBe(3);
    expect(settled).toHaveBeenCalledTimes(1);
    expect(await read()).toEqual({ group: 'office' });
  });

  it('falls back to the last answer when a later read hangs, instead of waiting for ever', async () => {
    answers = [{ group: 'office' }, 'hang'];
    expect(await read()).toEqual({ group: 'office' });
    await vi.advanceTimersByTimeAsync(6_000);
    expect(await read()).toEqual({ group: 'office' });
  });
});
