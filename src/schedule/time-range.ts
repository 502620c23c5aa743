import { MINUTES_PER_DAY } from './wall-clock.ts';

/**
 * A stretch of a local day in minutes since midnight: `start` inclusive, `end` exclusive, so
 * "12:30-13:30" is { start: 750, end: 810 } and 1440 is the midnight that ends the day.
 */
export type MinuteRange = { start: number; end: number };
/** A fixed break keeps ICT's label ("Lunch") so pages can name it. */
export type LabelledRange = MinuteRange & { label?: string };

export type ParsedTimeRange = { ok: true; range: MinuteRange } | { ok: false; message: string };

const TIME_RANGE = /^\s*(\d{2}):(\d{2})\s*-\s*(\d{2}):(\d{2})\s*$/;

/** Minutes since midnight for HH:MM, or null if it is not a time of day (24:00 is allowed here; callers decide where). */
function minutesOf(hours: number, minutes: number): number | null {
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return null;
  return hours * 60 + minutes;
}

/** Parse ICT's "HH:MM-HH:MM". Messages are written for ICT reading `aup check` output. */
export function parseTimeRange(text: string): ParsedTimeRange {
  const match = TIME_RANGE.exec(text);
  if (!match) {
    return { ok: false, message: `"${text}" is not a time range: write "HH:MM-HH:MM" in 24-hour time, e.g. "08:00-18:00"` };
  }
  const start = minutesOf(Number(match[1]), Number(match[2]));
  const end = minutesOf(Number(match[3]), Number(match[4]));
  if (start === null || start === MINUTES_PER_DAY) {
    return { ok: false, message: `"${text}": the start must be a time from 00:00 to 23:59` };
  }
  if (end === null) {
    return { ok: false, message: `"${text}": the end must be a time from 00:01 to 24:00` };
  }
  if (end <= start) {
    // v1 has no overnight ranges: a range belongs to one weekday, which keeps "which day's
    // hours apply?" trivial. Night shifts are written as two ranges on consecutive days.
    return {
      ok: false,
      message:
        `"${text}": the end must be after the start. Ranges cannot cross midnight in this version: ` +
        'split an overnight range at midnight, e.g. "22:00-24:00" on one day and "00:00-06:00" on the next ' +
        '(24:00 is the midnight that ends a day)',
    };
  }
  return { ok: true, range: { start, end } };
}

function labelled(start: number, end: number, labels: readonly string[]): LabelledRange {
  return labels.length > 0 ? { start, end, label: labels.join(' / ') } : { start, end };
}

/**
 * Put ranges in the one shape the engine relies on: empty ones dropped, sorted by start, and
 * overlapping or touching ones merged (as LeechBlock's cleanTimePeriods does). Merging touching
 * ranges matters: 12:00-12:30 and 12:30-13:00 is one break, not two with a "change" between.
 * Labels of merged breaks are kept, distinct, in time order.
 */
export function normaliseRanges(ranges: readonly LabelledRange[]): LabelledRange[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: LabelledRange[] = [];
  let current: { start: number; end: number; labels: string[] } | null = null;
  for (const range of sorted) {
    if (current && range.start <= current.end) {
      current.end = Math.max(current.end, range.end);
    } else {
      if (current) merged.push(labelled(current.start, current.end, current.labels));
      current = { start: range.start, end: range.end, labels: [] };
    }
    if (range.label !== undefined && !current.labels.includes(range.label)) current.labels.push(range.label);
  }
  if (current) merged.push(labelled(current.start, current.end, current.labels));
  return merged;
}

/**
 * The parts of `ranges` that lie inside `within` (a break only counts inside working hours),
 * normalised. A break wholly outside working hours disappears.
 */
export function clipRanges(ranges: readonly LabelledRange[], within: readonly MinuteRange[]): LabelledRange[] {
  const pieces: LabelledRange[] = [];
  for (const range of ranges) {
    for (const outer of within) {
      const start = Math.max(range.start, outer.start);
      const end = Math.min(range.end, outer.end);
      if (end > start) pieces.push(range.label === undefined ? { start, end } : { start, end, label: range.label });
    }
  }
  return normaliseRanges(pieces);
}
