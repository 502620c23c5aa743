import { chromiumDriver } from './support/driver.ts';
import { welshSuite } from './support/welsh-suite.ts';

// Chromium takes its UI language (and so the extension's messages) from --lang; the person asks for reduced motion.
welshSuite('Chromium', () => chromiumDriver({ args: ['--lang=cy', '--force-prefers-reduced-motion'] }));
