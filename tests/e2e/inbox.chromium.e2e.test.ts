import { chromiumDriver } from './support/driver.ts';
import { inboxSuite } from './support/inbox-suite.ts';

// ICT's own browser: no AUP Guard in it (a council device's would first ask for the AUP).
inboxSuite('Chromium', () => chromiumDriver({ extensionDir: null, waitForWorker: false }));
