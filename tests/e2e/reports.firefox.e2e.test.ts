import { firefoxDriver } from './support/driver.ts';
import { sideloadInto, sideloadPrefs } from './support/firefox.ts';
import { reportSuite } from './support/report-suite.ts';

/** Firefox suspends an idle event page after this long (30 s by default); shortened so the test can wait it out. */
const IDLE_MS = 3_000;

// Installed in the profile (as the start-up tests do), so it and its storage survive the restart.
const prepared = new Set<string>();
reportSuite('Firefox ESR', {
  async launch(profileDir, h) {
    if (!prepared.has(profileDir)) {
      await sideloadInto(profileDir);
      prepared.add(profileDir);
    }
    const prefs = { ...sideloadPrefs(), 'extensions.background.idle.timeout': IDLE_MS };
    return firefoxDriver({ profileDir, extensionDir: null, prefs }, h.server.url('start.example.test'));
  },
  // No protocol stops an event page from outside: leave it idle until Firefox suspends it (the
  // test then checks that a new run of the worker delivered the report).
  stopWorker: () => new Promise((resolve) => setTimeout(resolve, IDLE_MS * 2)),
});
