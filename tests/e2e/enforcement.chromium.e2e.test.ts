import { chromiumDriver } from './support/driver.ts';
import { enforcementSuite } from './support/enforcement-suite.ts';

enforcementSuite('Chromium', () => chromiumDriver());
