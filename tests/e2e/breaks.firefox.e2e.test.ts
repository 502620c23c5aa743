import { firefoxDriver } from './support/driver.ts';
import { sideloadInto, sideloadPrefs } from './support/firefox.ts';
import { breakSuite } from './support/break-suite.ts';

// Installed in the profile (as the start-up tests do), so it and its storage survive the restart.
const prepared = new Set<string>();
breakSuite('Firefox ESR', {
  async launch(profileDir, h) {
    if (!prepared.has(profileDir)) {
      await sideloadInto(profileDir);
      prepared.add(profileDir);
    }
    return firefoxDriver({ profileDir, extensionDir: null, prefs: sideloadPrefs() }, h.server.url('start.example.test'));
  },
});
