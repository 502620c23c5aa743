/**
 * Calendar arithmetic on wall-clock readings, with no time zone involved.
 *
 * A wall-clock reading ("wall ms") is what a clock on the office wall shows, encoded as if it
 * were a UTC epoch-ms value: 2026-03-29 08:00 local is `Date.UTC(2026, 2, 29, 8, 0)`. Encoding it
 * that way lets the plain UTC methods of Date do day, weekday and date-string maths exactly;
 * converting between wall ms and real instants is the zone's job (see zone.ts).
 */

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;
export const MINUTES_PER_DAY = 1440;

/** Weekdays in the order ICT writes them (and the order compiled schedules list them). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Date#getUTCDay numbers Sunday 0; WEEKDAYS starts on Monday. */
const BY_UTC_DAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Wall ms of a calendar reading. Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not. */
export function wallMsOf(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year);
  return date.getTime();
}

/** Wall ms of the midnight that starts the day containing `wallMs`. */
export function startOfWallDay(wallMs: number): number {
  return Math.floor(wallMs / MS_PER_DAY) * MS_PER_DAY;
}

/** Milliseconds since local midnight. */
export function msIntoDay(wallMs: number): number {
  return wallMs - startOfWallDay(wallMs);
}

export function weekdayOf(wallMs: number): Weekday {
  return BY_UTC_DAY[new Date(wallMs).getUTCDay()] ?? 'sun';
}

/** The local date as ISO `YYYY-MM-DD` (how ICT writes bank holidays and how usage is keyed). */
export function localDateOf(wallMs: number): string {
  const date = new Date(wallMs);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Wall ms of local midnight on an ISO date, or null if it is not a real calendar date (2026-02-30). */
export function wallMsOfDate(text: string): number | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const wallMs = wallMsOf(year, month, day);
  // Date rolls 30 February over into March: a real date survives the round trip unchanged.
  return localDateOf(wallMs) === text ? wallMs : null;
}
