import { chromiumDriver } from './support/driver.ts';
import { acceptanceSuite } from './support/acceptance-suite.ts';

acceptanceSuite('Chromium', () => chromiumDriver());
