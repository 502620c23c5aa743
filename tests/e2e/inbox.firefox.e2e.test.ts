import { firefoxDriver } from './support/driver.ts';
import { inboxSuite } from './support/inbox-suite.ts';

inboxSuite('Firefox ESR', () => firefoxDriver({}, 'http://start.example.test/'));
