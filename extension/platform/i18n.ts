import { browser } from './browser.ts';

/**
 * A UI string from `_locales`. A missing key shows as `⟦key⟧`, never as an empty string,
 * so a forgotten message is visible in screenshots and caught by tests.
 */
export function t(key: string, substitutions?: string | string[]): string {
  const message = browser.i18n.getMessage(key, substitutions);
  return message === '' ? `⟦${key}⟧` : message;
}

export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}
