import { firefoxDriver } from './support/driver.ts';
import { welshSuite } from './support/welsh-suite.ts';

// Firefox ESR in Welsh: the system language pack (firefox-esr-l10n-cy) and the requested locale; reduced motion asked for.
welshSuite('Firefox ESR', (h) => firefoxDriver({ prefs: { 'intl.locale.requested': 'cy', 'ui.prefersReducedMotion': 1 } }, h.server.url('start.example.test')));
