import { firefoxDriver } from './support/driver.ts';
import { recordsSuite } from './support/records-suite.ts';

recordsSuite('Firefox ESR', (h) => firefoxDriver({}, h.server.url('start.example.test')));
