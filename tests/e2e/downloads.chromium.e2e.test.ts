import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { chromiumDriver } from './support/driver.ts';
import { downloadSuite } from './support/download-suite.ts';
import { tempDir } from './support/paths.ts';

/*
 * Chromium writes downloads to the profile's download folder without asking (its Preferences,
 * written before launch). Playwright takes downloads over through CDP (Browser.setDownloadBehavior:
 * its own folder, GUID names, and no onDeterminingFilename for extensions); the suite hands them
 * back to the browser ('default'), so the extension sees what a person's browser does.
 */
const profile = tempDir('chromium-downloads');
const downloads = tempDir('downloads');
afterAll(() => {
  profile.remove();
  downloads.remove();
});
mkdirSync(join(profile.path, 'Default'), { recursive: true });
writeFileSync(join(profile.path, 'Default', 'Preferences'), JSON.stringify({ download: { default_directory: downloads.path, prompt_for_download: false, directory_upgrade: true }, safebrowsing: { enabled: false } }));

downloadSuite('Chromium', downloads.path, async () => {
  const driver = await chromiumDriver({ userDataDir: profile.path, args: ['--ignore-certificate-errors'] });
  const page = await driver.rig.context.newPage();
  const cdp = await driver.rig.context.newCDPSession(page);
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'default' });
  await cdp.detach();
  await page.close();
  return driver;
});
