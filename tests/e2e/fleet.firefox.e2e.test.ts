import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { firefoxDriver } from './support/driver.ts';
import { fleetSuite } from './support/fleet-suite.ts';
import { PROXY_EXTENSION_GECKO_ID } from './support/proxy-extension.ts';

/**
 * Firefox lets only an add-on allowed in private windows set the proxy ("proxy.settings requires
 * private browsing permission"), and a temporary add-on is not. A person allows it on
 * about:addons, which the automation may not open; Firefox ESR keeps that choice in the profile's
 * extension-preferences.json, so the test writes it there before Firefox starts — for the test
 * add-on only: AUP Guard stays not allowed, as on a device ICT has not set up.
 */
function profileAllowingInPrivate(profileDir: string, id: string): string {
  mkdirSync(profileDir, { recursive: true });
  writeFileSync(join(profileDir, 'extension-preferences.json'), JSON.stringify({ [id]: { permissions: ['internal:privateBrowsingAllowed'], origins: [] } }));
  return profileDir;
}

// Firefox tells an extension nothing about PrivateBrowsingModeAvailability (extension/platform/posture.ts).
fleetSuite('Firefox ESR', {
  kind: 'firefox',
  async launch(h, proxyDir) {
    const profileDir = profileAllowingInPrivate(join(proxyDir, '..', 'profile'), PROXY_EXTENSION_GECKO_ID);
    const driver = await firefoxDriver({ profileDir }, h.server.url('start.example.test'));
    // A temporary add-on, installed while AUP Guard runs (its management.onInstalled fires).
    await driver.rig.browser.installExtension(proxyDir);
    return driver;
  },
  privateWindows: /^AUP Guard is not allowed in private windows; the browser does not say whether they can be opened$/,
});
