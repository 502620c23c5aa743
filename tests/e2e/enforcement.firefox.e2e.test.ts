import { firefoxDriver } from './support/driver.ts';
import { enforcementSuite } from './support/enforcement-suite.ts';

enforcementSuite('Firefox ESR', (h) => firefoxDriver({}, h.server.url('start.example.test')));
