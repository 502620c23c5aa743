import { chromiumDriver } from './support/driver.ts';
import { fleetSuite } from './support/fleet-suite.ts';

// Chromium answers a request for an Incognito window, so it can say they are available.
fleetSuite('Chromium', {
  kind: 'chromium',
  launch: (_h, proxyDir) => chromiumDriver({ alongside: [proxyDir] }),
  privateWindows: /^private windows can be opened; AUP Guard is not allowed in them$/,
});
