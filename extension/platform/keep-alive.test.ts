import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';

/*
 * Who keeps the background running (keep-alive.ts): only an install by ICT's policy, in Chrome
 * and Firefox. That Firefox's event page then outlives Firefox's own idle time is checked end to
 * end in `deploy.firefox` (a policy install left idle for 40 s); for Chrome it was measured in a
 * policy-installed browser (docs/performance.md).
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

  it('does it in Firefox too when installed by policy, and not otherwise', async () => {
    vi.useFakeTimers();
    expect(await (await freshKeepAlive('development', true))()).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    const keep = await freshKeepAlive('admin', true);
    expect(await keep()).toBe(true);
    expect(vi.getTimerCount()).toBe(1);
  });
});
