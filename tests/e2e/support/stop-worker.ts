import type { ChromiumRig } from './chromium.ts';

/**
 * Stop the extension's service worker now, as Chromium does by itself after 30 s idle (DevTools
 * protocol): for the tests of what a fresh worker does (a queued report delivered, no policy check
 * on a mere wake).
 */
export async function stopChromiumWorker(driver: { rig: Pick<ChromiumRig, 'context'> }): Promise<void> {
  const { context } = driver.rig;
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string; url: string }> };
    const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
    if (!worker) throw new Error('the extension has no running service worker to stop');
    await cdp.send('Target.closeTarget', { targetId: worker.targetId });
  } finally {
    await cdp.detach();
    await page.close();
  }
}
