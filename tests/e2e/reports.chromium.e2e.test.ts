import { chromiumDriver } from './support/driver.ts';
import { reportSuite } from './support/report-suite.ts';
import { stopChromiumWorker } from './support/stop-worker.ts';

reportSuite('Chromium', {
  launch: (profileDir) => chromiumDriver({ userDataDir: profileDir }),
  // Chromium stops an idle service worker itself; here at once, through the DevTools protocol.
  stopWorker: (driver) => stopChromiumWorker(driver as Awaited<ReturnType<typeof chromiumDriver>>),
});
