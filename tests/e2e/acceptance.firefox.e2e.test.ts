import { firefoxDriver } from './support/driver.ts';
import { acceptanceSuite } from './support/acceptance-suite.ts';

acceptanceSuite('Firefox ESR', (h) => firefoxDriver({}, h.server.url('start.example.test')));
