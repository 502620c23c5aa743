import { chromiumDriver } from './support/driver.ts';
import { inboxSuite } from './support/inbox-suite.ts';

inboxSuite('Chromium', () => chromiumDriver());
