/**
 * `Intl.DateTimeFormat` in the language of the page — also where the browser's Intl has no data
 * for it. Chromium's ICU carries no Welsh: asked for "cy" it answers in American English
 * ("Saturday, December 5, 2026 at 5:27 AM") on a Welsh page. Then British English's pattern is
 * used with the Welsh names put in ("Dydd Sadwrn, 5 Rhagfyr 2026 am 05:27"), as CLDR writes them.
 */

export type DateFormatter = { format(date: Date | number): string };

const WELSH = {
  weekdays: ['Dydd Sul', 'Dydd Llun', 'Dydd Mawrth', 'Dydd Mercher', 'Dydd Iau', 'Dydd Gwener', 'Dydd Sadwrn'],
  weekdaysShort: ['Sul', 'Llun', 'Maw', 'Mer', 'Iau', 'Gwen', 'Sad'],
  months: ['Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin', 'Gorffennaf', 'Awst', 'Medi', 'Hydref', 'Tachwedd', 'Rhagfyr'],
  monthsShort: ['Ion', 'Chwef', 'Maw', 'Ebr', 'Mai', 'Meh', 'Gorff', 'Awst', 'Medi', 'Hyd', 'Tach', 'Rhag'],
};
const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const EN_WEEKDAYS_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export const isWelsh = (locale: string) => /^cy(-|_|$)/i.test(locale);

const intlHas = (locale: string) => Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;

/** A formatter for `locale`; `hasLocale` is the browser's answer (replaceable in tests). */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions, hasLocale: (l: string) => boolean = intlHas): DateFormatter {
  if (!isWelsh(locale) || hasLocale(locale)) return new Intl.DateTimeFormat(locale, options);
  const english = new Intl.DateTimeFormat('en-GB', options);
  // The weekday and month as numbers, in the same zone, to pick the Welsh name.
  const zone = english.resolvedOptions().timeZone;
  const numbers = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', month: 'numeric' });
  return {
    format(date) {
      const index = numbers.formatToParts(date);
      const weekday = EN_WEEKDAYS_SHORT.indexOf(index.find((p) => p.type === 'weekday')?.value ?? '');
      const month = Number(index.find((p) => p.type === 'month')?.value ?? '1') - 1;
      return english.formatToParts(date).map((part) => {
        if (part.type === 'weekday') return EN_WEEKDAYS.includes(part.value) ? WELSH.weekdays[weekday] : WELSH.weekdaysShort[weekday];
        if (part.type === 'month' && !/^\d+$/.test(part.value)) return EN_MONTHS.includes(part.value) ? WELSH.months[month] : WELSH.monthsShort[month];
        if (part.type === 'literal') return part.value.replace(/ at /, ' am ');
        return part.value;
      }).join('');
    },
  };
}
