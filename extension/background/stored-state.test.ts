import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';
import { readEvents, recordEvent } from './events.ts';
import { readPolicyState, writePolicyState } from './policy-state.ts';
import { EMPTY_POLICY_STATE, policyStateRecord } from './records.ts';
import { readBreak, writeBreak } from './break-state.ts';
import { readLastInternalError, recordInternalError } from './internal-errors.ts';

// Runs against @webext-core/fake-browser (tests/unit/setup.ts): storage that really stores.
beforeEach(() => fakeBrowser.reset());

describe('what the extension stores', () => {
  it('records events with the least URL that still says where, oldest dropped first', async () => {
    await recordEvent({ kind: 'warn-continue', at: '2026-11-24T10:00:00Z', host: 'www.netflix.com', category: 'streaming', url: 'https://u:p@www.netflix.com/watch/1?token=secret#t=5' });
    const [event] = await readEvents();
    expect(event?.kind === 'warn-continue' && event.url).toBe('https://www.netflix.com/watch/1');
    for (let i = 0; i < 510; i++) await recordEvent({ kind: 'warn-continue', at: `t${i}`, host: 'h.test', category: 'c', url: `https://h.test/${i}` });
    const events = await readEvents();
    expect(events).toHaveLength(500);
    expect(events.at(-1)).toMatchObject({ url: 'https://h.test/509' });
  });

  it('keeps events recorded by version 1 (warn-page continues only) when it reads them, and adds breaks beside them', async () => {
    const v1 = { kind: 'warn-continue', at: '2026-11-24T10:00:00Z', host: 'www.netflix.com', category: 'streaming', url: 'https://www.netflix.com/' };
    await fakeBrowser.storage.local.set({ 'aup.events': { version: 1, events: [v1] } });
    expect(await readEvents()).toEqual([v1]);
    await recordEvent({ kind: 'break-start', at: '2026-11-24T11:40:00Z', endsAt: '2026-11-24T12:00:00Z', minutes: 20 });
    expect(await readEvents()).toEqual([v1, { kind: 'break-start', at: '2026-11-24T11:40:00Z', endsAt: '2026-11-24T12:00:00Z', minutes: 20 }]);
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
