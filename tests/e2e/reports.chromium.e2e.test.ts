import { chromiumDriver } from './support/driver.ts';
import { reportSuite } from './support/report-suite.ts';

reportSuite('Chromium', {
  launch: (profileDir) => chromiumDriver({ userDataDir: profileDir }),
  // Chromium stops an idle service worker itself; here at once, through the DevTools protocol.
  async stopWorker(driver) {
    const { context } = (driver as Awaited<ReturnType<typeof chromiumDriver>>).rig;
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
  },
});
