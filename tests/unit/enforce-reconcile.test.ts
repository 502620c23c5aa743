import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';
import { compilePolicy } from '../../src/policy/compile-policy.ts';
import type { DnrRule } from '../../src/dnr/types.ts';
import { ruleSpecs } from '../../src/dnr/compile-rules.ts';
import { LISTS, SOURCE } from '../fixtures/policy.ts';
import { acceptanceGate } from '../../src/decide/acceptance.ts';
import { safeSearchRuleSpecs } from '../../src/dnr/safe-search.ts';
import { RULE_ID } from '../../src/dnr/ids.ts';

/*
 * enforce() against an in-memory declarativeNetRequest that behaves as the browsers do (an id
 * added twice is refused), from every partial state a crash or a refusal can leave: the rules in
 * the browser end up exactly the rules the policy asks for, and a failure fails closed.
 */

const compiled = compilePolicy(SOURCE);
if (!compiled.ok) throw new Error('fixture policy');
// One list big enough for a dynamic rule (≥ 20,000 hosts); the rest are session rules.
const BIG = Array.from({ length: 20_000 }, (_, i) => `bet${i}.test`);
const lists = { ...LISTS, gambling: [...LISTS.gambling, ...BIG] };

const dnr = vi.hoisted(() => {
  const make = () => ({ rules: new Map<number, unknown>(), fail: false, reads: 0, onUpdate: null as null | (() => Promise<void>) });
  return { dynamic: make(), session: make(), baselineOn: true, make, missingActions: [] as string[] };
});
async function update(store: { rules: Map<number, unknown>; fail: boolean; onUpdate: null | (() => Promise<void>) }, remove: number[], add: Array<{ id: number }>) {
  await store.onUpdate?.();
  if (store.fail) throw new Error('the browser refused the update');
  const next = new Map(store.rules);
  for (const id of remove) next.delete(id);
  for (const rule of add) {
    if (next.has(rule.id)) throw new Error(`Rule with id ${rule.id} does not have a unique ID.`);
    next.set(rule.id, rule);
  }
  store.rules = next;
}
vi.mock('../../extension/platform/dnr.ts', () => ({
  dynamicRuleIds: async () => (dnr.dynamic.reads++, [...dnr.dynamic.rules.keys()]),
  updateDynamicRules: async (remove: number[], add: Array<{ id: number }>) => update(dnr.dynamic, remove, add),
  sessionRules: async () => [...dnr.session.rules.values()],
  updateSessionRules: async (remove: number[], add: Array<{ id: number }>) => update(dnr.session, remove, add),
  setStaticRulesetEnabled: async (_id: string, on: boolean) => void (dnr.baselineOn = on),
  browserResourceTypes: () => undefined,
  dnrMissingActions: () => dnr.missingActions,
}));
vi.mock('../../extension/background/banner-script.ts', () => ({ syncBannerScript: async () => undefined }));
// The policy in force is a verified bundle (so the static baseline should step aside when all is well).
vi.mock('../../extension/background/active-policy.ts', async () => {
  const { buildMatcher, indexPolicy } = await import('../../src/decide/policy-index.ts');
  const embedded = (await import('virtual:aup-embedded')).default as { policy: import('../../src/policy/compiled-schema.ts').CompiledPolicy; lists: Record<string, string[]> };
  const { policy, lists: all } = embedded;
  const active = {
    source: 'bundle', policy, manifest: { serial: 11 }, index: indexPolicy(policy, buildMatcher(policy, all)),
    listVersions: Object.fromEntries(policy.categories.map((c) => [c.id, `baseline-${(all[c.id] ?? []).length}`])),
    listCounts: Object.fromEntries(policy.categories.map((c) => [c.id, (all[c.id] ?? []).length])),
    hostsOf: async (c: string) => all[c] ?? [],
  };
  return { activePolicy: async () => active, policyOutline: async () => active };
});
vi.mock('virtual:aup-embedded', async () => {
  const { compilePolicy: compile } = await import('../../src/policy/compile-policy.ts');
  const { LISTS: small, SOURCE: source } = await import('../fixtures/policy.ts');
  const c = compile(source);
  if (!c.ok) throw new Error('fixture');
  return {
    default: {
      policy: c.policy,
      lists: { ...small, gambling: [...small.gambling, ...Array.from({ length: 20_000 }, (_, i) => `bet${i}.test`)] },
      defaults: { policyUrl: 'https://policy.council.test/manifest.json', trustedKeys: [`${'A'.repeat(43)}=`], refreshMinutes: 60 },
    },
  };
});

const { enforce, MODE_ALARM } = await import('../../extension/background/enforce.ts');
const { enforcedRulesRecord, rulesInForceRecord } = await import('../../extension/background/records.ts');

/** What the policy asks for now, by id and scope (office group at work: Tuesday 10:00 London; the AUP not yet accepted: the gate's rule too). */
const AT = Date.parse('2026-11-24T10:00:00Z');
function wanted(scope: 'dynamic' | 'session'): number[] {
  const group = compiled.ok ? compiled.policy.groups.find((g) => g.id === 'office')! : null!;
  const counts = Object.fromEntries(Object.entries(lists).map(([c, hosts]) => [c, { version: `baseline-${hosts.length}`, count: hosts.length }]));
  const policy = compiled.ok ? compiled.policy : null!;
  const safeSearch = scope === 'session' ? safeSearchRuleSpecs(policy.safeSearch[group.id]!) : [];
  return [...ruleSpecs({ policy, group, mode: 'work', lists: counts, extensionBase: fakeBrowser.runtime.getURL(''), gate: acceptanceGate(policy, group, []) }), ...safeSearch]
    .filter((s) => s.scope === scope).map((s) => s.id).sort((a, b) => a - b);
}
const held = (store: { rules: Map<number, unknown> }) => [...store.rules.keys()].sort((a, b) => a - b);
const stray: DnrRule = { id: 1003, priority: 1, action: { type: 'block' }, condition: { requestDomains: ['stray.test'] } };

beforeEach(async () => {
  // The worker's clock reads Tuesday 10:00 (alarms are never set in the past).
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(AT);
  fakeBrowser.reset();
  dnr.dynamic = dnr.make();
  dnr.session = dnr.make();
  dnr.baselineOn = true;
  dnr.missingActions = [];
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await fakeBrowser.storage.local.set({ 'aup.localConfig': { version: 2, config: { policyUrl: 'https://policy.council.test/manifest.json', trustedKeys: [`${'A'.repeat(43)}=`], group: 'office', refreshMinutes: 60 } } });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('enforce keeps the browser\'s rules equal to the policy\'s', () => {
  it('from nothing: adds every rule, records them, and does not read the big rules back', async () => {
    await enforce({ now: AT });
    expect(wanted('dynamic').length).toBeGreaterThan(0);
    expect(held(dnr.dynamic)).toEqual(wanted('dynamic'));
    expect(held(dnr.session)).toEqual(wanted('session'));
    expect((await enforcedRulesRecord.read())?.pending).toBeFalsy();
    dnr.dynamic.reads = 0;
    await enforce({ now: AT });
    expect(dnr.dynamic.reads).toBe(0);
  });

  it('after a stop in the middle of a dynamic update (record left pending): reconciles with the browser\'s list', async () => {
    await enforce({ now: AT });
    // The record says "an update is under way" while the browser changes the rules.
    let pendingDuringUpdate: unknown = null;
    dnr.dynamic.onUpdate = async () => void (pendingDuringUpdate = (await enforcedRulesRecord.read())?.pending);
    dnr.dynamic.rules.clear();
    await enforce({ now: AT, reconcile: true });
    expect(pendingDuringUpdate).toBe(true);
    dnr.dynamic.onUpdate = null;
    const record = (await enforcedRulesRecord.read())!;
    await enforcedRulesRecord.write({ ...record, pending: true });
    dnr.dynamic.rules.clear(); // the update removed the old rules, then the worker stopped
    await enforce({ now: AT });
    expect(held(dnr.dynamic)).toEqual(wanted('dynamic'));
  });

  it('when the record says a rule is absent but the browser holds it (stopped after the update): the refused add is retried after re-reading', async () => {
    await enforce({ now: AT });
    const record = (await enforcedRulesRecord.read())!;
    await enforcedRulesRecord.write({ ...record, keys: {} });
    await enforce({ now: AT });
    expect(held(dnr.dynamic)).toEqual(wanted('dynamic'));
  });

  it('at browser start (reconcile): restores a missing rule and removes one it did not ask for', async () => {
    await enforce({ now: AT });
    dnr.dynamic.rules.delete(wanted('dynamic')[0]!);
    dnr.dynamic.rules.set(stray.id, stray);
    await enforce({ now: AT, reconcile: true });
    expect(held(dnr.dynamic)).toEqual(wanted('dynamic'));
  });

  it('session rules: always checked against the browser (lost ones re-added, strays removed, continue grants left alone)', async () => {
    await enforce({ now: AT });
    const [first] = wanted('session');
    dnr.session.rules.delete(first!);
    dnr.session.rules.set(2999, { ...stray, id: 2999 });
    dnr.session.rules.set(10_001, { ...stray, id: 10_001 });
    await enforce({ now: AT });
    expect(held(dnr.session)).toEqual([...wanted('session'), 10_001]);
  });

  it('fails closed when the browser refuses the rules: the baseline stays on, the mode alarm is set, the error surfaces', async () => {
    dnr.dynamic.fail = true;
    dnr.baselineOn = false;
    await expect(enforce({ now: AT })).rejects.toThrow(/refused/);
    expect(dnr.baselineOn).toBe(true);
    expect((await fakeBrowser.alarms.get(MODE_ALARM))?.scheduledTime).toBe(Date.parse('2026-11-24T12:00:00Z'));
    dnr.dynamic.fail = false;
    await enforce({ now: AT });
    expect(held(dnr.dynamic)).toEqual(wanted('dynamic'));
    expect(dnr.baselineOn).toBe(false);
  });

  it('tells a worker woken later that this session\'s rules are in force until the mode changes: never while they change, never after a failure', async () => {
    const seenDuringUpdate: unknown[] = [];
    dnr.dynamic.onUpdate = async () => void seenDuringUpdate.push(await rulesInForceRecord.read());
    await enforce({ now: AT });
    expect(seenDuringUpdate).toEqual([{ version: 1, inForce: false, until: null }]);
    // Office hours end at 12:00 (the mode alarm's time): after it the guard decides again.
    expect(await rulesInForceRecord.read()).toEqual({ version: 1, inForce: true, until: Date.parse('2026-11-24T12:00:00Z') });
    dnr.dynamic.onUpdate = null;
    dnr.dynamic.rules.clear();
    dnr.dynamic.fail = true;
    await expect(enforce({ now: AT, reconcile: true })).rejects.toThrow(/refused/);
    expect(await rulesInForceRecord.read()).toEqual({ version: 1, inForce: false, until: null });
  });

  it('safe search: its rules are in force with the rest; a browser that cannot hold them keeps every other rule, and the failure is recorded, not silent', async () => {
    await enforce({ now: AT });
    const safe = held(dnr.session).filter((id) => id >= RULE_ID.safeSearch && id < RULE_ID.safeSearch + 10);
    expect(safe).toEqual([5000, 5001, 5002, 5003]);
    dnr.session = dnr.make();
    dnr.missingActions = ['redirect with a transform'];
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const summary = await enforce({ now: AT });
    expect(summary.safeSearch).toBe('failed');
    expect(held(dnr.session)).toEqual(wanted('session').filter((id) => id < RULE_ID.safeSearch || id >= RULE_ID.safeSearch + 10));
    expect(held(dnr.dynamic)).toEqual(wanted('dynamic'));
    expect(dnr.baselineOn).toBe(false);
    await vi.waitFor(async () => expect((await fakeBrowser.storage.local.get('aup.lastInternalError'))['aup.lastInternalError']).toMatchObject({ what: 'safe search rules', message: expect.stringContaining('redirect with a transform') }));
    // Once the browser can hold them, the next enforce adds them.
    dnr.missingActions = [];
    await enforce({ now: AT });
    expect(held(dnr.session)).toEqual(wanted('session'));
  });
});
