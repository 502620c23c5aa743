import type { CompiledPolicy } from '../../src/policy/compiled-schema.ts';
import { pickText, policyLanguage } from '../../src/policy/policy-text.ts';
import { messagesLocale } from '../platform/i18n.ts';

/**
 * The policy's own texts in the language of the pages (the locale the browser chose for our
 * messages: the worker and the pages share it): Welsh when the bundle has it, otherwise the
 * English. `englishOnly` lists the English texts a reply shows on a page in another language,
 * which the page marks with lang="en" (WCAG 3.1.2).
 */
export function policyWords(policy: Pick<CompiledPolicy, 'translations'>, locale: string = messagesLocale()) {
  const language = policyLanguage(locale);
  const english = new Set<string>();
  return {
    say(text: string): string {
      const shown = pickText(policy.translations, language, text);
      if (language !== 'en' && shown.lang === 'en') english.add(text);
      return shown.text;
    },
    /** The English texts said so far on a page that is not in English. */
    englishOnly: (): string[] => [...english],
  };
}
