/**
 * A policy text's `lang`: "en" when the worker said it is shown in English on a page in another
 * language (the bundle has no translation of it), so screen readers switch voice (WCAG 3.1.2);
 * otherwise nothing (the page's own lang applies).
 */
export function policyLang(text: string, englishOnly: readonly string[] | undefined): 'en' | undefined {
  return englishOnly?.includes(text) ? 'en' : undefined;
}
