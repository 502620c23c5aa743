import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';
import { expireEvents, readEvents, recordEvent, withinRetention } from './events.ts';
import { eventsRecord } from './records.ts';
import { readPolicyState, writePolicyState } from './policy-state.ts';
import { EMPTY_POLICY_STATE, policyStateRecord } from './records.ts';
import { readBreak, writeBreak } from './break-state.ts';
import { readLastInternalError, recordInternalError } from './internal-errors.ts';

// Runs against @webext-core/fake-browser (tests/unit/setup.ts): storage that really stores.
beforeEach(() => {
  fakeBrowser.reset();
  policy.retention = undefined;
});

/** The policy in force, as far as event retention goes (undefined: the bundle says nothing). */
const policy = vi.hoisted(() => ({ retention: undefined as { eventDays: number } | undefined }));
/** The day these tests' fixed dates are recent on (retention is measured from the clock given). */
const NOV25 = Date.parse('2026-11-25T12:00:00Z');
vi.mock('./active-policy.ts', () => ({ activePolicy: async () => ({ policy }) }));

describe('what the extension stores', () => {
  it('records events with the least URL that still says where, oldest dropped first', async () => {
    await recordEvent({ kind: 'warn-continue', at: '2026-11-24T10:00:00Z', host: 'www.netflix.com', category: 'streaming', url: 'https://u:p@www.netflix.com/watch/1?token=secret#t=5' }, NOV25);
    const [event] = await readEvents(NOV25);
    expect(event?.kind === 'warn-continue' && event.url).toBe('https://www.netflix.com/watch/1');
    const at = new Date().toISOString();
    for (let i = 0; i < 510; i++) await recordEvent({ kind: 'warn-continue', at, host: 'h.test', category: 'c', url: `https://h.test/${i}` });
    const events = await readEvents();
    expect(events).toHaveLength(500);
    expect(events.at(-1)).toMatchObject({ url: 'https://h.test/509' });
  });

  it('deletes events older than the retention period (the baseline has none: 90 days) at expiry and at each write', async () => {
    const now = Date.parse('2026-12-05T12:00:00Z');
    const day = 86_400_000;
    const event = (ageDays: number) => ({ kind: 'break-end' as const, at: new Date(now - ageDays * day).toISOString(), minutesBack: ageDays });
    await eventsRecord.write({ version: 2, events: [event(120), event(91), event(89), event(1)] });
    expect(await readEvents(now), 'never shown once expired').toEqual([event(89), event(1)]);
    expect((await eventsRecord.read()).events, 'still stored until expiry runs').toHaveLength(4);
    expect(await expireEvents(now)).toBe(2);
    expect((await eventsRecord.read()).events).toEqual([event(89), event(1)]);
    expect(await expireEvents(now), 'nothing more to delete').toBe(0);
    await recordEvent(event(0), now + 2 * day);
    expect((await eventsRecord.read()).events, 'a write drops what expired meanwhile').toEqual([event(1), event(0)]);
  });

  it("uses the policy's retention period when the bundle has one", async () => {
    policy.retention = { eventDays: 7 };
    const now = Date.parse('2026-12-05T12:00:00Z');
    const event = (ageDays: number) => ({ kind: 'break-end' as const, at: new Date(now - ageDays * 86_400_000).toISOString(), minutesBack: ageDays });
    await eventsRecord.write({ version: 2, events: [event(8), event(6)] });
    expect(await expireEvents(now)).toBe(1);
    expect(await readEvents(now)).toEqual([event(6)]);
  });

  it('measures retention in days from now; an event without a readable date is not kept', () => {
    const now = Date.parse('2026-12-05T12:00:00Z');
    const at = (iso: string) => ({ kind: 'break-end' as const, at: iso, minutesBack: 1 });
    expect(withinRetention([at('2026-11-05T12:00:00Z'), at('2026-11-05T11:59:59Z'), at('garbage')], 30, now)).toEqual([at('2026-11-05T12:00:00Z')]);
  });

  it('keeps events recorded by version 1 (warn-page continues only) when it reads them, and adds breaks beside them', async () => {
    const v1 = { kind: 'warn-continue', at: '2026-11-24T10:00:00Z', host: 'www.netflix.com', category: 'streaming', url: 'https://www.netflix.com/' };
    await fakeBrowser.storage.local.set({ 'aup.events': { version: 1, events: [v1] } });
    expect(await readEvents(NOV25)).toEqual([v1]);
    await recordEvent({ kind: 'break-start', at: '2026-11-24T11:40:00Z', endsAt: '2026-11-24T12:00:00Z', minutes: 20 }, NOV25);
    expect(await readEvents(NOV25)).toEqual([v1, { kind: 'break-start', at: '2026-11-24T11:40:00Z', endsAt: '2026-11-24T12:00:00Z', minutes: 20 }]);
    expect((await fakeBrowser.storage.local.get('aup.events'))['aup.events']).toMatchObject({ version: 2 });
  });

  it('reads a policy state of an unknown version or shape as empty (the baseline then applies), never as garbage', async () => {
    await fakeBrowser.storage.local.set({ [policyStateRecord.key]: { version: 99, manifest: 'x' } });
    expect(await readPolicyState()).toEqual(EMPTY_POLICY_STATE);
    const state = { ...EMPTY_POLICY_STATE, etag: '"abc"', failures: 2, checkedAt: '2026-11-24T10:00:00Z' };
    await writePolicyState(state);
    expect(await readPolicyState()).toEqual(state);
  });

  it('keeps a self-declared break and its daily usage across worker restarts', async () => {
    expect(await readBreak()).toEqual({ state: { selfDeclared: null }, usage: null });
    const value = { state: { selfDeclared: { startedAt: 1, endsAt: 2 } }, usage: { date: '2026-11-24', minutesUsed: 30 } };
    await writeBreak(value);
    expect(await readBreak()).toEqual(value);
    await fakeBrowser.storage.local.set({ 'aup.breakState': { version: 1, selfDeclared: 'corrupt', usage: null } });
    expect((await readBreak()).state.selfDeclared).toBeNull();
  });

  it('keeps the last internal failure for support staff, and reads it back', async () => {
    expect(await readLastInternalError()).toBeNull();
    await recordInternalError('storage: aup.events', new Error('events: expected array'));
    expect(await readLastInternalError()).toMatchObject({ what: 'storage: aup.events', message: 'Error: events: expected array' });
  });
});
