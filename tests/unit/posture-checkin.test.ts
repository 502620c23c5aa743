import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';
import type { CheckinRequest } from '../../src/protocol/checkin-wire.ts';

/*
 * The worker's posture check and check-ins (extension/background/posture.ts) over the fake
 * browser's storage and alarms, with what the browser says about the device under the test's
 * control and `aup serve` stood in by fetch: when a check-in goes out, and that it goes out once.
 */

const facts = vi.hoisted(() => ({ proxy: { levelOfControl: 'controllable_by_this_extension', routed: false } as { levelOfControl: string; routed: boolean } }));
vi.mock('../../extension/platform/posture.ts', () => ({
  selfInstallType: async () => 'admin',
  incognitoFacts: async () => ({ allowed: true, windows: 'unknown' }),
  proxyFacts: async () => facts.proxy,
  otherExtensions: async () => [],
  browserVersion: () => '140.0',
  onPostureChanged: () => undefined,
}));
vi.mock('../../extension/platform/dnr.ts', () => ({ dynamicRuleIds: async () => [], sessionRules: async () => [] }));
vi.mock('virtual:aup-embedded', async () => {
  const { compilePolicy } = await import('../../src/policy/compile-policy.ts');
  const { LISTS, SOURCE } = await import('../fixtures/policy.ts');
  const c = compilePolicy(SOURCE);
  if (!c.ok) throw new Error('fixture');
  return { default: { policy: c.policy, lists: LISTS, defaults: null } };
});

const { checkPosture, checkInAtNextPosture, CHECKIN_ALARM } = await import('../../extension/background/posture.ts');

const HOUR = 3_600_000;
const AT = Date.parse('2026-12-01T10:00:00Z');
let posted: CheckinRequest[];

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(AT);
  fakeBrowser.reset();
  // The settings are local ones (an install by hand); the self-check's own facts are mocked above.
  vi.spyOn(fakeBrowser.management, 'getSelf').mockResolvedValue({ installType: 'normal' } as never);
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'AUP Guard', version: '0.1.0' });
  facts.proxy = { levelOfControl: 'controllable_by_this_extension', routed: false };
  posted = [];
  vi.stubGlobal('navigator', { userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0' });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    expect(url).toBe('https://aup.council.test/api/checkins');
    posted.push(JSON.parse(String(init.body)) as CheckinRequest);
    return new Response(JSON.stringify({ received: true }), { status: 201 });
  });
  await fakeBrowser.storage.local.set({ 'aup.localConfig': { version: 2, config: {
    policyUrl: 'https://policy.council.test/manifest.json', trustedKeys: [`${'A'.repeat(43)}=`], group: 'office', refreshMinutes: 60, checkinHours: 4,
    reportEndpoint: 'https://aup.council.test/api/reports', reportToken: 't', deviceName: 'LAPTOP-0042',
  } } });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('check-ins from the worker', () => {
  it('the first check goes out; the same posture again does not, until checkinHours have passed', async () => {
    await checkPosture('sync');
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ deviceName: 'LAPTOP-0042', group: 'office', installedByPolicy: true, policy: { source: 'baseline' } });
    expect((await fakeBrowser.alarms.get(CHECKIN_ALARM))?.scheduledTime).toBe(AT + 4 * HOUR);
    vi.setSystemTime(AT + HOUR);
    await checkPosture('sync');
    expect(posted).toHaveLength(1);
    vi.setSystemTime(AT + 4 * HOUR);
    await checkPosture('interval');
    expect(posted).toHaveLength(2);
    // One device: the id made once is kept.
    expect(posted[1]!.deviceId).toBe(posted[0]!.deviceId);
    expect(posted[1]!.id).not.toBe(posted[0]!.id);
  });

  it('a change ICT would see goes out at once; browser start always checks in', async () => {
    await checkPosture('sync');
    facts.proxy = { levelOfControl: 'controlled_by_other_extensions', routed: true };
    await checkPosture('browser-change');
    expect(posted).toHaveLength(2);
    expect(posted[1]!.findings.map((f) => f.id)).toContain('proxy-controlled-by-other');
    await checkPosture('sync');
    expect(posted).toHaveLength(2);
    checkInAtNextPosture();
    await checkPosture('sync');
    expect(posted).toHaveLength(3);
  });

  it('without an address to send to, the newest check-in waits (one, not a pile)', async () => {
    const local = (await fakeBrowser.storage.local.get('aup.localConfig'))['aup.localConfig'] as { version: 2; config: Record<string, unknown> };
    delete local.config.reportEndpoint;
    await fakeBrowser.storage.local.set({ 'aup.localConfig': local });
    await checkPosture('asked');
    await checkPosture('asked');
    await checkPosture('asked');
    const outbox = (await fakeBrowser.storage.local.get('aup.checkinOutbox'))['aup.checkinOutbox'] as { entries: Array<{ state: string; lastError: string }> };
    expect(outbox.entries).toHaveLength(1);
    expect(outbox.entries[0]).toMatchObject({ state: 'queued' });
    expect(outbox.entries[0]!.lastError).toMatch(/no check-in address/);
    expect(posted).toEqual([]);
  });
});
