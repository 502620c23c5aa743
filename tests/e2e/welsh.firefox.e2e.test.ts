import { firefoxDriver } from './support/driver.ts';
import { welshSuite } from './support/welsh-suite.ts';

// Firefox ESR in Welsh: the system language pack (firefox-esr-l10n-cy) and the requested locale.
welshSuite('Firefox ESR', (h) => firefoxDriver({ prefs: { 'intl.locale.requested': 'cy' } }, h.server.url('start.example.test')));
