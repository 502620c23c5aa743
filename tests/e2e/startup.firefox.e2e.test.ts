import { firefoxDriver } from './support/driver.ts';
import { sideloadInto, sideloadPrefs } from './support/firefox.ts';
import { startupSuite } from './support/startup-suite.ts';

// Installed as an add-on in the profile (unsigned XPI, ESR), so it survives restarts like a
// policy-installed one; the policies.json route is exercised in CI by the managed tests.
startupSuite(
  'Firefox ESR',
  {
    prepare: (profileDir) => sideloadInto(profileDir),
    launch: (profileDir, h, startUrls) =>
      firefoxDriver({ profileDir, extensionDir: null, prefs: sideloadPrefs(), startUrls }, h.server.url('start.example.test')),
    tabUrls: async (driver) => {
      const rig = (driver as unknown as { rig: { browser: import('puppeteer-core').Browser } }).rig;
      return Promise.all((await rig.browser.pages()).map((p) => p.evaluate(() => location.href).catch(() => '')));
    },
  },
  { restartLoop: true },
);
