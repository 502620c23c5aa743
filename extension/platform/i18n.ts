import { browser } from './browser.ts';

/**
 * A UI string from `_locales`. A missing key shows as `⟦key⟧`, never as an empty string,
 * so a forgotten message is visible in screenshots and caught by tests.
 */
export function t(key: string, substitutions?: string | string[]): string {
  const message = browser.i18n.getMessage(key, substitutions);
  return message === '' ? `⟦${key}⟧` : message;
}

/**
 * The language of the messages shown, as a BCP 47 tag for `Intl` and `lang` ("en-GB", "cy"). It is
 * read from the locale file the browser chose, not from getUILanguage(): a UI language we have no
 * messages for falls back to en_GB, and its dates and `lang` must fall back with it. en-GB where
 * i18n is unavailable (unit tests of the worker).
 */
export function messagesLocale(): string {
  try {
    return browser.i18n.getMessage('intlLocale') || 'en-GB';
  } catch {
    return 'en-GB';
  }
}
