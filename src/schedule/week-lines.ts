import { WEEKDAYS, type Weekday } from './wall-clock.ts';
import type { MinuteRange } from './time-range.ts';

export type WeekLine = { days: Weekday[]; ranges: MinuteRange[] };

/**
 * A week of time ranges as a few lines a person can read ("Mon–Fri 12:00–13:00"): consecutive
 * days with the same ranges share a line; days without any are left out.
 */
export function weekLines(week: Readonly<Record<Weekday, readonly MinuteRange[]>>): WeekLine[] {
  const lines: WeekLine[] = [];
  const same = (a: readonly MinuteRange[], b: readonly MinuteRange[]) => a.length === b.length && a.every((r, i) => r.start === b[i]!.start && r.end === b[i]!.end);
  let previous: Weekday | null = null;
  for (const day of WEEKDAYS) {
    const ranges = week[day].map((r) => ({ start: r.start, end: r.end }));
    const last = lines.at(-1);
    if (ranges.length > 0 && last && previous !== null && last.days.at(-1) === previous && same(last.ranges, ranges)) last.days.push(day);
    else if (ranges.length > 0) lines.push({ days: [day], ranges });
    previous = day;
  }
  return lines;
}
