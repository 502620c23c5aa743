import { afterAll } from 'vitest';
import { firefoxDriver } from './support/driver.ts';
import { downloadSuite } from './support/download-suite.ts';
import { firefoxDownloadPrefs } from './support/download-setup.ts';
import { tempDir } from './support/paths.ts';

// Firefox saves to a folder of ours without asking (support/download-setup.ts).
const downloads = tempDir('downloads');
afterAll(() => downloads.remove());

downloadSuite('Firefox ESR', downloads.path, (h) => firefoxDriver({
  acceptInsecureCerts: true,
  prefs: firefoxDownloadPrefs(downloads.path),
}, h.server.url('start.example.test')));
