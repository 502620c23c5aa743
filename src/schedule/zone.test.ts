import { describe, expect, it } from 'vitest';
import { at } from './test-fixtures.ts';
import { localDateOf, wallMsOf, wallMsOfDate, weekdayOf } from './wall-clock.ts';
import { instantOfWallClock, isTimeZone, offsetChanges, wallMsAt } from './zone.ts';

const wall = (iso: string) => Date.parse(`${iso}Z`); // a wall-clock reading, encoded as wall ms

describe('wall clock arithmetic', () => {
  it('names local dates and weekdays', () => {
    expect(localDateOf(wall('2026-03-29T23:59:59'))).toBe('2026-03-29');
    expect(weekdayOf(wall('2026-03-29T12:00'))).toBe('sun');
    expect(weekdayOf(wall('2026-03-30T00:00'))).toBe('mon');
  });

  it.each(['2026-02-30', '2026-13-01', '2026-1-01', '26-01-01', '2026-01-01T00:00'])('rejects the non-date %j', (text) => {
    expect(wallMsOfDate(text)).toBeNull();
  });

  it('accepts real dates, including 29 February in a leap year', () => {
    expect(wallMsOfDate('2028-02-29')).toBe(wall('2028-02-29T00:00'));
    expect(wallMsOfDate('2027-02-29')).toBeNull();
  });

  it('does not read years before 100 as the 1900s', () => {
    expect(localDateOf(wallMsOf(50, 6, 1))).toBe('0050-06-01');
  });
});

describe('wallMsAt', () => {
  it.each([
    ['just before spring forward', '2026-03-29T00:59:59.999Z', '2026-03-29T00:59:59.999'],
    ['at spring forward the clock jumps to 02:00', '2026-03-29T01:00:00Z', '2026-03-29T02:00:00'],
    ['summer time', '2026-07-01T11:30:00Z', '2026-07-01T12:30:00'],
    ['first 01:30 in the autumn overlap', '2026-10-25T00:30:00Z', '2026-10-25T01:30:00'],
    ['second 01:30 in the autumn overlap', '2026-10-25T01:30:00Z', '2026-10-25T01:30:00'],
    ['winter', '2026-12-25T12:00:00Z', '2026-12-25T12:00:00'],
  ])('London, %s', (_name, instant, reading) => {
    expect(wallMsAt('Europe/London', at(instant))).toBe(wall(reading));
  });

  it('reads other zones', () => {
    expect(wallMsAt('America/New_York', at('2026-03-08T07:00:00Z'))).toBe(wall('2026-03-08T03:00'));
    expect(wallMsAt('Asia/Kolkata', at('2026-01-01T00:00:00Z'))).toBe(wall('2026-01-01T05:30'));
  });
});

describe('offsetChanges', () => {
  const year2026 = [at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z')] as const;

  it.each([
    ['Europe/London', ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z']],
    ['America/New_York', ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z']],
    ['Australia/Lord_Howe', ['2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z']], // half-hour DST
    ['UTC', []],
    ['Asia/Kolkata', []],
  ])('finds exactly the 2026 clock changes in %s', (zone, expected) => {
    expect(offsetChanges(zone, ...year2026)).toEqual(expected.map(at));
  });

  it('excludes changes at the ends of the range', () => {
    const spring = at('2026-03-29T01:00:00Z');
    expect(offsetChanges('Europe/London', spring, spring + 1000)).toEqual([]);
    expect(offsetChanges('Europe/London', spring - 1000, spring)).toEqual([]);
    expect(offsetChanges('Europe/London', spring - 1, spring + 1)).toEqual([spring]);
  });
});

describe('instantOfWallClock', () => {
  it.each([
    ['an ordinary winter time', 'Europe/London', '2026-01-05T08:00', '2026-01-05T08:00:00Z'],
    ['an ordinary summer time', 'Europe/London', '2026-07-06T08:00', '2026-07-06T07:00:00Z'],
    ['the last minute before the gap', 'Europe/London', '2026-03-29T00:59', '2026-03-29T00:59:00Z'],
    ['01:00 on 29 March 2026, start of the gap: the end of the gap', 'Europe/London', '2026-03-29T01:00', '2026-03-29T01:00:00Z'],
    ['01:30 on 29 March 2026, never on the clock: the end of the gap', 'Europe/London', '2026-03-29T01:30', '2026-03-29T01:00:00Z'],
    ['02:00 on 29 March 2026, the first reading after the gap', 'Europe/London', '2026-03-29T02:00', '2026-03-29T01:00:00Z'],
    ['02:01 on 29 March 2026', 'Europe/London', '2026-03-29T02:01', '2026-03-29T01:01:00Z'],
    ['01:00 on 25 October 2026, shown twice: the first time', 'Europe/London', '2026-10-25T01:00', '2026-10-25T00:00:00Z'],
    ['01:30 on 25 October 2026, shown twice: the first time', 'Europe/London', '2026-10-25T01:30', '2026-10-25T00:30:00Z'],
    ['02:00 on 25 October 2026, after the overlap', 'Europe/London', '2026-10-25T02:00', '2026-10-25T02:00:00Z'],
    ['02:30 on 8 March 2026 in New York, in the gap', 'America/New_York', '2026-03-08T02:30', '2026-03-08T07:00:00Z'],
    ['01:30 on 1 November 2026 in New York, shown twice', 'America/New_York', '2026-11-01T01:30', '2026-11-01T05:30:00Z'],
    ['midnight in Kolkata', 'Asia/Kolkata', '2026-06-01T00:00', '2026-05-31T18:30:00Z'],
  ])('%s', (_name, zone, reading, instant) => {
    expect(instantOfWallClock(zone, wall(reading))).toBe(at(instant));
  });

  it('round-trips every quarter hour across both London clock changes', () => {
    for (const start of ['2026-03-28T00:00:00Z', '2026-10-24T00:00:00Z']) {
      for (let instant = at(start); instant < at(start) + 2 * 86_400_000; instant += 15 * 60_000) {
        const reading = wallMsAt('Europe/London', instant);
        const back = instantOfWallClock('Europe/London', reading);
        // In the overlap the first occurrence comes back; otherwise the very same instant.
        expect(back <= instant && wallMsAt('Europe/London', back) === reading).toBe(true);
        if (back !== instant) expect(instant - back).toBe(3_600_000);
      }
    }
  });
});

describe('isTimeZone', () => {
  it.each(['Europe/London', 'America/New_York', 'UTC', 'Etc/GMT+1'])('knows %s', (zone) => {
    expect(isTimeZone(zone)).toBe(true);
  });
  it.each(['', 'Mars/Olympus', 'Europe/London '])('rejects %j', (zone) => {
    expect(isTimeZone(zone)).toBe(false);
  });
});
