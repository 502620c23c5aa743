import { MS_PER_DAY, wallMsOf } from './wall-clock.ts';

/**
 * Converting between instants (epoch ms) and wall-clock readings (wall ms, see wall-clock.ts) in
 * an IANA zone, using only Intl: the zone database ships with the browser and with Node, so the
 * engine needs no tz data of its own.
 */

/** Building an Intl.DateTimeFormat costs far more than using one, and mode checks are a hot path. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** Whether this runtime's Intl knows `zone` (an IANA name such as "Europe/London"). */
export function isTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading in `zone` at `instant`, as wall ms. */
export function wallMsAt(zone: string, instant: number): number {
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of formatterFor(zone).formatToParts(instant)) {
    const value = Number(part.value);
    if (part.type === 'year') year = value;
    else if (part.type === 'month') month = value;
    else if (part.type === 'day') day = value;
    // Some engines print midnight as "24" despite h23; it is still the start of that day.
    else if (part.type === 'hour') hour = value === 24 ? 0 : value;
    else if (part.type === 'minute') minute = value;
    else if (part.type === 'second') second = value;
  }
  // Intl stops at seconds; every offset since 1972 is whole seconds, so the milliseconds carry over.
  const msIntoSecond = ((instant % 1000) + 1000) % 1000;
  return wallMsOf(year, month, day, hour, minute, second) + msIntoSecond;
}

/** How far `zone`'s clocks are ahead of UTC at `instant`, in ms (London in summer: 3,600,000). */
export function offsetAt(zone: string, instant: number): number {
  return wallMsAt(zone, instant) - instant;
}

/** A stretch of time with one UTC offset: within it, wall ms = instant + offset. `end` is exclusive. */
export type OffsetSegment = { start: number; end: number; offset: number };

/**
 * Offsets are sampled this often, then a change is pinned down by bisection. The assumption is
 * that a zone changes offset at most once in six hours, which holds for every rule in use.
 */
const SAMPLE_STEP = 6 * 3_600_000;
/** Offset changes are cached in fixed chunks so neighbouring calls share the sampling work. */
const CHUNK = 16 * MS_PER_DAY;
/** A long-lived service worker must not grow a cache without bound; refilling it is cheap. */
const CACHE_LIMIT = 512;
/** Offset-change instants by `${zone} ${chunk index}`; each chunk covers (start, start + CHUNK]. */
const changeCache = new Map<string, number[]>();

/** The first instant in (before, after] whose offset differs from the offset at `before`. */
function pinDownChange(zone: string, before: number, after: number): number {
  const offsetBefore = offsetAt(zone, before);
  let low = before;
  let high = after;
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    if (offsetAt(zone, middle) === offsetBefore) low = middle;
    else high = middle;
  }
  return high;
}

function offsetChangesInChunk(zone: string, index: number): number[] {
  const key = `${zone} ${index}`;
  const cached = changeCache.get(key);
  if (cached) return cached;
  const changes: number[] = [];
  const start = index * CHUNK;
  let previous = start;
  let previousOffset = offsetAt(zone, start);
  for (let sample = start + SAMPLE_STEP; sample <= start + CHUNK; sample += SAMPLE_STEP) {
    const offset = offsetAt(zone, sample);
    if (offset !== previousOffset) changes.push(pinDownChange(zone, previous, sample));
    previous = sample;
    previousOffset = offset;
  }
  if (changeCache.size >= CACHE_LIMIT) changeCache.clear();
  changeCache.set(key, changes);
  return changes;
}

/** Instants in (from, to) at which `zone` changes its UTC offset (DST starts and ends), ascending. */
export function offsetChanges(zone: string, from: number, to: number): number[] {
  const changes: number[] = [];
  for (let index = Math.floor(from / CHUNK); index * CHUNK < to; index++) {
    for (const at of offsetChangesInChunk(zone, index)) if (at > from && at < to) changes.push(at);
  }
  return changes;
}

/** [from, to) cut into stretches of constant offset, in order. */
export function offsetSegments(zone: string, from: number, to: number): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  let start = from;
  for (const change of offsetChanges(zone, from, to)) {
    segments.push({ start, end: change, offset: offsetAt(zone, start) });
    start = change;
  }
  segments.push({ start, end: to, offset: offsetAt(zone, start) });
  return segments;
}

/**
 * The instant at which `zone`'s clocks first read `wallMs`, i.e. the first instant whose reading
 * is at or after it:
 *  - in the spring-forward gap (01:30 on 29 March 2026 in London never happens) that is the end
 *    of the gap, 02:00 BST: exactly when a schedule boundary at 01:30 takes effect;
 *  - in the autumn overlap (01:30 on 25 October 2026 happens twice) it is the first occurrence.
 */
export function instantOfWallClock(zone: string, wallMs: number): number {
  // No offset reaches a day, so the reading is somewhere in this window.
  for (const { start, end, offset } of offsetSegments(zone, wallMs - MS_PER_DAY, wallMs + MS_PER_DAY)) {
    if (start + offset > wallMs) return start;
    const instant = wallMs - offset;
    if (instant < end) return instant;
  }
  // Unreachable for real zones (every offset is under a day); the plain reading is the best guess.
  return wallMs - offsetAt(zone, wallMs);
}
