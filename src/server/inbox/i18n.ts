import { z } from 'zod';
import cy from './locales/cy.json' with { type: 'json' };
import en from './locales/en_GB.json' with { type: 'json' };

/**
 * The inbox's words, from `locales/en_GB.json` and `locales/cy.json`. Same format as the
 * extension's `public/_locales/*\/messages.json` (message, description, `$name$` placeholders
 * whose content is `$1`…), so the council's translators work on one kind of file and the same
 * tools open both. The language follows the browser's Accept-Language: Welsh when it is the
 * preferred of the two, English otherwise.
 */

export type MessageKey = keyof typeof en;
export type Locale = 'en_GB' | 'cy';

const Entry = z.strictObject({
  message: z.string(),
  description: z.string().optional(),
  placeholders: z.record(z.string(), z.strictObject({ content: z.string(), example: z.string().optional() })).optional(),
});
export const LocaleFile = z.record(z.string(), Entry);
type Entry = z.infer<typeof Entry>;

export const LOCALES: Record<Locale, Record<string, Entry>> = { en_GB: LocaleFile.parse(en), cy: LocaleFile.parse(cy) };

/** `$name$` → its placeholder's content, in which `$1`… are the arguments; `$$` is a dollar. */
export function format(entry: Entry, args: readonly string[]): string {
  return entry.message.replace(/\$\$|\$([a-z0-9_@]+)\$/gi, (_whole, name: string | undefined) => {
    if (name === undefined) return '$';
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$([1-9])/g, (_d, n: string) => args[Number(n) - 1] ?? '');
  });
}

/**
 * The locale a request gets: the first language of Accept-Language (by q, then order) that is
 * Welsh or English decides; neither, or no header: English. `cy;q=0` is a refusal, not a wish,
 * and an entry whose q is not a number from 0 to 1 is passed over.
 */
export function localeOf(acceptLanguage: string | undefined): Locale {
  const wishes = (acceptLanguage ?? '').slice(0, 500).toLowerCase().split(',').map((part, order) => {
    const [tag = '', ...params] = part.split(';').map((p) => p.trim());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : /^q=(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(qParam) ? Number(qParam.slice(2)) : 0;
    return { lang: tag.split('-')[0], q, order };
  });
  const first = wishes.filter((w) => w.q > 0 && (w.lang === 'cy' || w.lang === 'en')).sort((a, b) => b.q - a.q || a.order - b.order)[0];
  return first?.lang === 'cy' ? 'cy' : 'en_GB';
}

const ZONE = 'Europe/London';

export type Translator = {
  locale: Locale;
  /** For `<html lang>`, Content-Language and `Intl`. */
  lang: 'en-GB' | 'cy';
  t(key: MessageKey, ...args: (string | number)[]): string;
  /** "Tuesday, 24 November 2026 at 12:30 (UK time)", in the page's language. */
  dateTime(iso: string): string;
};

export function translator(locale: Locale): Translator {
  const lang = locale === 'cy' ? 'cy' : 'en-GB';
  // A key missing from cy falls back to English, as the browsers do for the extension (the
  // locale test keeps the two files complete; this only keeps a page whole meanwhile).
  const t = (key: MessageKey, ...args: (string | number)[]) => format(LOCALES[locale][key] ?? LOCALES.en_GB[key]!, args.map(String));
  const dateFormat = new Intl.DateTimeFormat(lang, { timeZone: ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const timeFormat = new Intl.DateTimeFormat(lang, { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return {
    locale, lang, t,
    dateTime: (iso) => t('dateTime', dateFormat.format(new Date(iso)), timeFormat.format(new Date(iso))),
  };
}
