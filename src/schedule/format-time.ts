import { localDateOf, MS_PER_DAY, startOfWallDay } from './wall-clock.ts';
import { wallMsAt } from './zone.ts';
import { dateFormat, isWelsh } from './date-format.ts';

/**
 * When something next changes, as people read it: "13:30" today, "Monday 08:00" within the
 * coming week, "Monday 7 December 08:00" beyond. Always in the schedule's zone (not the
 * device's: a laptop set to another zone must not move the lunch hour), on the 24-hour clock,
 * in `locale` (the language of the page's messages).
 *
 * Welsh: every message puts this after a word that softens it ("tan", "o", "am") or uses it as a
 * time adverb, so the weekday is written softened: "tan ddydd Llun 08:00", not "tan Dydd Llun".
 */
export function formatChangeTime(instant: number, now: number, zone: string, locale = 'en-GB'): string {
  const time = dateFormat(locale, { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
  const day = startOfWallDay(wallMsAt(zone, instant));
  const today = startOfWallDay(wallMsAt(zone, now));
  if (localDateOf(day) === localDateOf(today)) return time;
  const withinWeek = day > today && day - today < 7 * MS_PER_DAY;
  const date = dateFormat(locale, withinWeek
    ? { timeZone: zone, weekday: 'long' }
    : { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long' }).format(instant);
  return `${isWelsh(locale) ? softenWelshWeekday(date) : date} ${time}`;
}

/** "Dydd Llun" (Intl's form, as a heading) → "ddydd Llun" (inside a sentence, after the soft mutation). */
function softenWelshWeekday(date: string): string {
  return date.replace(/^dydd /i, 'ddydd ');
}
