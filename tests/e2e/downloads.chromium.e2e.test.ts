import { afterAll } from 'vitest';
import { chromiumDriver } from './support/driver.ts';
import { downloadSuite } from './support/download-suite.ts';
import { handDownloadsToChromium, writeChromiumDownloadProfile } from './support/download-setup.ts';
import { tempDir } from './support/paths.ts';

/*
 * Chromium writes downloads to the profile's download folder without asking; the suite hands
 * them back from Playwright to the browser, so the extension sees what a person's browser does
 * (support/download-setup.ts).
 */
const profile = tempDir('chromium-downloads');
const downloads = tempDir('downloads');
afterAll(() => {
  profile.remove();
  downloads.remove();
});
writeChromiumDownloadProfile(profile.path, downloads.path);

downloadSuite('Chromium', downloads.path, async () => {
  const driver = await chromiumDriver({ userDataDir: profile.path, args: ['--ignore-certificate-errors'] });
  await handDownloadsToChromium(driver.rig);
  return driver;
});
