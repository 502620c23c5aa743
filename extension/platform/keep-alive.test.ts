import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';

/*
 * Who keeps Chrome's worker running (keep-alive.ts): only an install by ICT's policy, only in
 * Chrome. That the worker then really outlives Chrome's idle limit was measured in a
 * policy-installed browser (docs/performance.md); an end-to-end check would need over a minute
 * of idle time per CI run, so it is not in the suite.
 */

async function freshKeepAlive(installType: string, firefox = false) {
  vi.resetModules();
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.management, 'getSelf').mockResolvedValue({ installType } as never);
  const runtime = fakeBrowser.runtime as unknown as Record<string, unknown>;
  if (firefox) runtime.getBrowserInfo = async () => ({ name: 'Firefox' });
  else delete runtime.getBrowserInfo;
  return (await import('./keep-alive.ts')).keepWorkerAliveWhenManaged;
}

describe('keeping the worker alive', () => {
  afterEach(() => {
    delete (fakeBrowser.runtime as unknown as Record<string, unknown>).getBrowserInfo;
    vi.useRealTimers();
  });

  it('does it in Chrome when ICT installed the extension by policy, once per worker', async () => {
    vi.useFakeTimers();
    const keep = await freshKeepAlive('admin');
    expect(await keep()).toBe(true);
    expect(await keep()).toBe(true);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('does not for an install that is not by policy (a developer, a person)', async () => {
    vi.useFakeTimers();
    for (const installType of ['normal', 'development', 'sideload', 'other']) {
      const keep = await freshKeepAlive(installType);
      expect(await keep(), installType).toBe(false);
    }
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not in Firefox, whose event page the deployment keeps instead', async () => {
    vi.useFakeTimers();
    const keep = await freshKeepAlive('admin', true);
    expect(await keep()).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});
