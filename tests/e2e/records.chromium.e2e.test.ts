import { chromiumDriver } from './support/driver.ts';
import { recordsSuite } from './support/records-suite.ts';

recordsSuite('Chromium', () => chromiumDriver());
