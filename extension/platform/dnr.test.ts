import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';
import type { DnrRule } from '../../src/dnr/types.ts';

/*
 * The dynamic rule ids the worker knows without asking the browser (dnr.ts `knownDynamicRuleIds`):
 * the browser's last listing with the updates it accepted since. They must always equal what the
 * browser really holds, or be unknown (null), so that the posture self-check never counts rules
 * that are not there.
 */

type Dnr = typeof import('./dnr.ts');
let dnr: Dnr;
/** The browser's own dynamic rules. */
let held: Map<number, DnrRule>;
let refuseNext: boolean;
let holdUpdates: Array<() => void>;
/** When set, the browser lists its rules as they are when asked, but answers only when released. */
let heldReads: Array<() => void> | null;

const rule = (id: number): DnrRule => ({ id, priority: 1, action: { type: 'block' }, condition: { requestDomains: [`h${id}.example`] } }) as DnrRule;
const browserIds = () => [...held.keys()].sort((a, b) => a - b);
const sorted = (ids: number[] | null) => (ids ? [...ids].sort((a, b) => a - b) : null);

beforeEach(async () => {
  fakeBrowser.reset();
  held = new Map([1, 2, 3].map((id) => [id, rule(id)]));
  refuseNext = false;
  holdUpdates = [];
  heldReads = null;
  const fake = {
    getDynamicRules: async () => {
      const listed = [...held.values()];
      if (heldReads) await new Promise<void>((resolve) => heldReads!.push(resolve));
      return listed;
    },
    updateDynamicRules: async ({ removeRuleIds = [], addRules = [] }: { removeRuleIds?: number[]; addRules?: DnrRule[] }) => {
      if (refuseNext) {
        refuseNext = false;
        throw new Error('Rule with id 9 does not have a unique ID.');
      }
      // Held until the test lets the browser finish (settle), so a read can overlap it.
      await new Promise<void>((resolve) => holdUpdates.push(resolve));
      for (const id of removeRuleIds) held.delete(id);
      for (const r of addRules) held.set(r.id, r);
    },
  };
  Object.defineProperty(fakeBrowser, 'declarativeNetRequest', { value: fake, configurable: true });
  vi.resetModules();
  dnr = await import('./dnr.ts');
});

/** Let the browser finish the updates it was asked for. */
async function settle<T>(work: Promise<T>): Promise<T> {
  await vi.waitFor(() => expect(holdUpdates.length).toBeGreaterThan(0));
  for (const resolve of holdUpdates.splice(0)) resolve();
  return work;
}

describe('the dynamic rule ids known without asking the browser', () => {
  it('are unknown until the browser has listed its rules once', async () => {
    expect(dnr.knownDynamicRuleIds()).toBeNull();
    expect(sorted(await dnr.dynamicRuleIds())).toEqual([1, 2, 3]);
    expect(sorted(dnr.knownDynamicRuleIds())).toEqual(browserIds());
  });

  it('follow every update the browser accepted', async () => {
    await dnr.dynamicRuleIds();
    await settle(dnr.updateDynamicRules([2], [rule(7), rule(8)]));
    expect(browserIds()).toEqual([1, 3, 7, 8]);
    expect(sorted(dnr.knownDynamicRuleIds())).toEqual(browserIds());
    await settle(dnr.updateDynamicRules([1, 3, 7, 8], []));
    expect(dnr.knownDynamicRuleIds()).toEqual([]);
    expect(browserIds()).toEqual([]);
  });

  it('are unknown after an update the browser refused, until it lists its rules again', async () => {
    await dnr.dynamicRuleIds();
    refuseNext = true;
    await expect(dnr.updateDynamicRules([], [rule(9)])).rejects.toThrow(/unique ID/);
    expect(dnr.knownDynamicRuleIds()).toBeNull();
    await dnr.dynamicRuleIds();
    expect(sorted(dnr.knownDynamicRuleIds())).toEqual(browserIds());
  });

  it('are unknown while an update is under way, and after a listing that overlapped one', async () => {
    await dnr.dynamicRuleIds();
    // The browser lists its rules as they stand (1, 2, 3), but answers after an update has changed them.
    heldReads = [];
    const listing = dnr.dynamicRuleIds();
    const update = dnr.updateDynamicRules([1], [rule(4)]);
    expect(dnr.knownDynamicRuleIds()).toBeNull();
    await settle(update);
    for (const release of heldReads.splice(0)) release();
    expect(sorted(await listing)).toEqual([1, 2, 3]);
    expect(browserIds()).toEqual([2, 3, 4]);
    // That listing is already out of date: it must not be taken as what the browser holds.
    expect(dnr.knownDynamicRuleIds()).toBeNull();
    heldReads = null;
    await dnr.dynamicRuleIds();
    expect(sorted(dnr.knownDynamicRuleIds())).toEqual([2, 3, 4]);
  });
});
