import { instantOfWallClock } from '../schedule/zone.ts';
import { wallMsOf } from '../schedule/wall-clock.ts';
import { UsageError } from './errors.ts';

/**
 * Parse `--at` (and times in rules/tests): an ISO instant with a zone (`2026-11-24T12:30:00Z`,
 * `…+01:00`), or a wall-clock time without one (`2026-11-24T12:30`), read in the policy's zone
 * with the schedule engine's own conversion (so DST gaps and overlaps agree with enforcement).
 */
export function parseInstant(text: string, zone: string): number {
  if (/(Z|[+-]\d\d:\d\d)$/.test(text)) {
    const t = Date.parse(text);
    if (Number.isNaN(t)) throw new UsageError(`not a date and time: "${text}"`);
    return t;
  }
  const m = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d))?$/.exec(text);
  if (!m) throw new UsageError(`not a date and time: "${text}" (use 2026-11-24T12:30, or an ISO time with Z or an offset)`);
  const n = (i: number) => Number(m[i] ?? 0);
  return instantOfWallClock(zone, wallMsOf(n(1), n(2), n(3), n(4), n(5), n(6)));
}
