import { chromiumDriver } from './support/driver.ts';
import { breakSuite } from './support/break-suite.ts';

breakSuite('Chromium', { launch: (profileDir) => chromiumDriver({ userDataDir: profileDir }) });
