import { afterAll } from 'vitest';
import { firefoxDriver } from './support/driver.ts';
import { downloadSuite } from './support/download-suite.ts';
import { tempDir } from './support/paths.ts';

// Firefox saves to a folder of ours without asking (folderList 2: browser.download.dir).
const downloads = tempDir('downloads');
afterAll(() => downloads.remove());

downloadSuite('Firefox ESR', downloads.path, (h) => firefoxDriver({
  acceptInsecureCerts: true,
  prefs: {
    'browser.download.dir': downloads.path,
    'browser.download.folderList': 2,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.alwaysOpenPanel': false,
    'browser.download.start_downloads_in_tmp_dir': false,
    'browser.helperApps.neverAsk.saveToDisk': 'application/octet-stream,application/x-msdownload,application/pdf',
    'pdfjs.disabled': true,
  },
}, h.server.url('start.example.test')));
