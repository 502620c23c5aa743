import { describe, expect, it } from 'vitest';
import { compileSchedule, type CompiledSchedule } from './schema.ts';
import { CHANGE_HORIZON_MS, modeAt, modeOnlyAt, nextChange, previousChange, type BreakState, type Mode, type ModeReason } from './mode.ts';
import { HOUR, MINUTE, NO_BREAK, at, newYork, office, open, sevenDay, shifts } from './test-fixtures.ts';

type Row = [when: string, mode: Mode, reason: ModeReason, since: string | null, until: string | null, label?: string];

/** Check modeAt against a table row; instants are written as local time with the offset in force. */
function expectRow(schedule: CompiledSchedule, [when, mode, reason, since, until, label]: Row, state: BreakState = NO_BREAK) {
  const expected = { mode, reason, since: since === null ? null : at(since), until: until === null ? null : at(until) };
  // modeUntil has its own table ('what people are told') below.
  const { modeUntil: _told, ...found } = modeAt(schedule, at(when), state);
  expect(found).toEqual(label === undefined ? expected : { ...expected, label });
}

describe('modeAt on the 2026 London clock-change days (a seven-day schedule, 08:00-18:00, lunch 12:30-13:30)', () => {
  describe('29 March: clocks go forward at 01:00 UTC, so the working day is in BST', () => {
    it.each<Row>([
      ['2026-03-29T00:30:00+00:00', 'personal', 'outside-hours', '2026-03-28T18:00:00+00:00', '2026-03-29T08:00:00+01:00'],
      ['2026-03-29T07:59:59+01:00', 'personal', 'outside-hours', '2026-03-28T18:00:00+00:00', '2026-03-29T08:00:00+01:00'],
      ['2026-03-29T08:00:00+01:00', 'work', 'working-hours', '2026-03-29T08:00:00+01:00', '2026-03-29T12:30:00+01:00'],
      ['2026-03-29T12:29:59+01:00', 'work', 'working-hours', '2026-03-29T08:00:00+01:00', '2026-03-29T12:30:00+01:00'],
      ['2026-03-29T12:30:00+01:00', 'break', 'fixed-break', '2026-03-29T12:30:00+01:00', '2026-03-29T13:30:00+01:00', 'Lunch'],
      ['2026-03-29T13:29:59+01:00', 'break', 'fixed-break', '2026-03-29T12:30:00+01:00', '2026-03-29T13:30:00+01:00', 'Lunch'],
      ['2026-03-29T13:30:00+01:00', 'work', 'working-hours', '2026-03-29T13:30:00+01:00', '2026-03-29T18:00:00+01:00'],
      ['2026-03-29T17:59:59+01:00', 'work', 'working-hours', '2026-03-29T13:30:00+01:00', '2026-03-29T18:00:00+01:00'],
      ['2026-03-29T18:00:00+01:00', 'personal', 'outside-hours', '2026-03-29T18:00:00+01:00', '2026-03-30T08:00:00+01:00'],
    ])('%s → %s (%s)', (...row) => expectRow(sevenDay, row));
  });

  describe('25 October: clocks go back at 01:00 UTC, so the working day is in GMT', () => {
    it.each<Row>([
      ['2026-10-25T01:30:00+01:00', 'personal', 'outside-hours', '2026-10-24T18:00:00+01:00', '2026-10-25T08:00:00+00:00'],
      ['2026-10-25T01:30:00+00:00', 'personal', 'outside-hours', '2026-10-24T18:00:00+01:00', '2026-10-25T08:00:00+00:00'],
      ['2026-10-25T07:59:59+00:00', 'personal', 'outside-hours', '2026-10-24T18:00:00+01:00', '2026-10-25T08:00:00+00:00'],
      ['2026-10-25T08:00:00+00:00', 'work', 'working-hours', '2026-10-25T08:00:00+00:00', '2026-10-25T12:30:00+00:00'],
      ['2026-10-25T12:29:59+00:00', 'work', 'working-hours', '2026-10-25T08:00:00+00:00', '2026-10-25T12:30:00+00:00'],
      ['2026-10-25T12:30:00+00:00', 'break', 'fixed-break', '2026-10-25T12:30:00+00:00', '2026-10-25T13:30:00+00:00', 'Lunch'],
      ['2026-10-25T13:30:00+00:00', 'work', 'working-hours', '2026-10-25T13:30:00+00:00', '2026-10-25T18:00:00+00:00'],
      ['2026-10-25T17:59:59+00:00', 'work', 'working-hours', '2026-10-25T13:30:00+00:00', '2026-10-25T18:00:00+00:00'],
      ['2026-10-25T18:00:00+00:00', 'personal', 'outside-hours', '2026-10-25T18:00:00+00:00', '2026-10-26T08:00:00+00:00'],
    ])('%s → %s (%s)', (...row) => expectRow(sevenDay, row));
  });
});

describe('modeAt for the office schedule (Mon-Fri, Friday to 17:30, bank holidays 25 and 28 December)', () => {
  it.each<Row>([
    // Both clock changes fall on a weekend: the weekend runs from Saturday 00:00 to Monday 00:00 local.
    ['2026-03-29T12:30:00+01:00', 'personal', 'weekend', '2026-03-28T00:00:00+00:00', '2026-03-30T00:00:00+01:00'],
    ['2026-10-25T12:30:00+00:00', 'personal', 'weekend', '2026-10-24T00:00:00+01:00', '2026-10-26T00:00:00+00:00'],
    ['2026-03-30T07:59:00+01:00', 'personal', 'outside-hours', '2026-03-30T00:00:00+01:00', '2026-03-30T08:00:00+01:00'],
    ['2026-03-30T08:00:00+01:00', 'work', 'working-hours', '2026-03-30T08:00:00+01:00', '2026-03-30T12:30:00+01:00'],
    ['2026-10-26T12:30:00+00:00', 'break', 'fixed-break', '2026-10-26T12:30:00+00:00', '2026-10-26T13:30:00+00:00', 'Lunch'],
    ['2026-03-27T17:29:59+00:00', 'work', 'working-hours', '2026-03-27T13:30:00+00:00', '2026-03-27T17:30:00+00:00'],
    ['2026-03-27T17:30:00+00:00', 'personal', 'outside-hours', '2026-03-27T17:30:00+00:00', '2026-03-28T00:00:00+00:00'],
    ['2026-03-26T18:00:00+00:00', 'personal', 'outside-hours', '2026-03-26T18:00:00+00:00', '2026-03-27T08:00:00+00:00'],
    // Christmas Day is a Friday, 28 December a Monday.
    ['2026-12-25T10:00:00+00:00', 'personal', 'bank-holiday', '2026-12-25T00:00:00+00:00', '2026-12-26T00:00:00+00:00'],
    ['2026-12-27T12:00:00+00:00', 'personal', 'weekend', '2026-12-26T00:00:00+00:00', '2026-12-28T00:00:00+00:00'],
    ['2026-12-28T12:30:00+00:00', 'personal', 'bank-holiday', '2026-12-28T00:00:00+00:00', '2026-12-29T00:00:00+00:00'],
    ['2026-12-29T07:00:00+00:00', 'personal', 'outside-hours', '2026-12-29T00:00:00+00:00', '2026-12-29T08:00:00+00:00'],
    ['2026-12-24T17:00:00+00:00', 'work', 'working-hours', '2026-12-24T13:30:00+00:00', '2026-12-24T18:00:00+00:00'],
  ])('%s → %s (%s)', (...row) => expectRow(office, row));
});

describe('modeAt in America/New_York (clocks go forward on 8 March 2026)', () => {
  it.each<Row>([
    ['2026-03-06T08:00:00-05:00', 'work', 'working-hours', '2026-03-06T08:00:00-05:00', '2026-03-06T12:30:00-05:00'],
    ['2026-03-07T12:00:00-05:00', 'personal', 'weekend', '2026-03-07T00:00:00-05:00', '2026-03-09T00:00:00-04:00'],
    ['2026-03-09T08:00:00-04:00', 'work', 'working-hours', '2026-03-09T08:00:00-04:00', '2026-03-09T12:30:00-04:00'],
    ['2026-03-09T12:45:00-04:00', 'break', 'fixed-break', '2026-03-09T12:30:00-04:00', '2026-03-09T13:30:00-04:00', 'Lunch'],
    ['2026-07-03T12:00:00-04:00', 'personal', 'bank-holiday', '2026-07-03T00:00:00-04:00', '2026-07-04T00:00:00-04:00'],
  ])('%s → %s (%s)', (...row) => expectRow(newYork, row));
});

describe('self-declared breaks in the break state', () => {
  const state = (from: string, to: string): BreakState => ({ selfDeclared: { startedAt: at(from), endsAt: at(to) } });

  it.each<Row>([
    ['2026-03-30T11:39:59+01:00', 'work', 'working-hours', '2026-03-30T08:00:00+01:00', '2026-03-30T11:40:00+01:00'],
    ['2026-03-30T11:40:00+01:00', 'break', 'self-declared-break', '2026-03-30T11:40:00+01:00', '2026-03-30T12:10:00+01:00'],
    ['2026-03-30T12:09:59+01:00', 'break', 'self-declared-break', '2026-03-30T11:40:00+01:00', '2026-03-30T12:10:00+01:00'],
    ['2026-03-30T12:10:00+01:00', 'work', 'working-hours', '2026-03-30T12:10:00+01:00', '2026-03-30T12:30:00+01:00'],
  ])('a break from 11:40 to 12:10: %s → %s', (...row) => expectRow(office, row, state('2026-03-30T11:40:00+01:00', '2026-03-30T12:10:00+01:00')));

  it('gives way to a fixed break it runs into (the reason changes, the mode does not)', () => {
    const s = state('2026-03-30T12:20:00+01:00', '2026-03-30T12:50:00+01:00');
    expectRow(office, ['2026-03-30T12:20:00+01:00', 'break', 'self-declared-break', '2026-03-30T12:20:00+01:00', '2026-03-30T12:30:00+01:00'], s);
    expectRow(office, ['2026-03-30T12:40:00+01:00', 'break', 'fixed-break', '2026-03-30T12:30:00+01:00', '2026-03-30T13:30:00+01:00', 'Lunch'], s);
  });

  it('stops counting when working hours end', () => {
    const s = state('2026-03-27T17:20:00+00:00', '2026-03-27T17:50:00+00:00');
    expectRow(office, ['2026-03-27T17:20:00+00:00', 'break', 'self-declared-break', '2026-03-27T17:20:00+00:00', '2026-03-27T17:30:00+00:00'], s);
    expectRow(office, ['2026-03-27T17:40:00+00:00', 'personal', 'outside-hours', '2026-03-27T17:30:00+00:00', '2026-03-28T00:00:00+00:00'], s);
  });

  it('means nothing outside working hours', () => {
    const s = state('2026-03-30T19:00:00+01:00', '2026-03-30T19:30:00+01:00');
    expectRow(office, ['2026-03-30T19:10:00+01:00', 'personal', 'outside-hours', '2026-03-30T18:00:00+01:00', '2026-03-31T08:00:00+01:00'], s);
  });

  it('has not begun before startedAt', () => {
    const s = state('2026-03-30T14:00:00+01:00', '2026-03-30T14:20:00+01:00');
    expect(modeAt(office, at('2026-03-30T13:45:00+01:00'), s)).toMatchObject({ mode: 'work', until: at('2026-03-30T14:00:00+01:00') });
  });
});

describe('boundaries inside the clock changes themselves', () => {
  /** The chain of changes from `from`, as [ISO instant, mode] pairs, up to `to`. */
  function changes(schedule: CompiledSchedule, from: string, to: string): [string, Mode][] {
    const out: [string, Mode][] = [];
    for (let t = nextChange(schedule, at(from), NO_BREAK); t !== null && t <= at(to); t = nextChange(schedule, t, NO_BREAK)) {
      out.push([new Date(t).toISOString(), modeOnlyAt(schedule, t, NO_BREAK).mode]);
    }
    return out;
  }

  it('a start at 01:30 on 29 March, a time that never happens, takes effect when the clocks jump (02:00 BST)', () => {
    const schedule = compileSchedule({ workingHours: { sun: ['01:30-06:00'] } });
    expect(changes(schedule, '2026-03-29T00:00:00Z', '2026-03-29T12:00:00Z')).toEqual([
      ['2026-03-29T01:00:00.000Z', 'work'],
      ['2026-03-29T05:00:00.000Z', 'personal'],
    ]);
  });

  it('a range wholly inside the spring gap never happens', () => {
    const schedule = compileSchedule({ workingHours: { sun: ['01:15-01:45', '09:00-10:00'] } });
    expect(changes(schedule, '2026-03-29T00:00:00Z', '2026-03-29T12:00:00Z')).toEqual([
      ['2026-03-29T08:00:00.000Z', 'work'],
      ['2026-03-29T09:00:00.000Z', 'personal'],
    ]);
  });

  it('a range inside the autumn overlap happens twice, once in BST and once in GMT', () => {
    const schedule = compileSchedule({ workingHours: { sun: ['01:15-01:45'] } });
    expect(changes(schedule, '2026-10-25T00:00:00Z', '2026-10-25T12:00:00Z')).toEqual([
      ['2026-10-25T00:15:00.000Z', 'work'],
      ['2026-10-25T00:45:00.000Z', 'personal'],
      ['2026-10-25T01:15:00.000Z', 'work'],
      ['2026-10-25T01:45:00.000Z', 'personal'],
    ]);
  });

  it('night work across the autumn change lasts an hour longer in real time', () => {
    const schedule = compileSchedule({ workingHours: { sat: ['22:00-24:00'], sun: ['00:00-06:00'] } });
    expect(changes(schedule, '2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z')).toEqual([
      ['2026-10-24T21:00:00.000Z', 'work'],
      ['2026-10-25T06:00:00.000Z', 'personal'],
    ]);
  });
});

describe('nextChange agrees with a minute-by-minute scan around every 2026 clock change', () => {
  const schedules: [string, CompiledSchedule][] = [
    ['office', office],
    ['seven-day', sevenDay],
    ['New York office', newYork],
    ['night shifts', compileSchedule({ workingHours: { sat: ['20:00-24:00'], sun: ['00:00-01:30', '01:45-07:00'], mon: ['00:30-02:15'] }, breaks: { fixed: [{ days: ['sun'], time: '01:00-02:30' }] } })],
  ];
  const changeDays = ['2026-03-08T00:00:00Z', '2026-03-28T00:00:00Z', '2026-10-24T00:00:00Z', '2026-10-31T00:00:00Z'];

  it.each(schedules.flatMap(([name, schedule]) => changeDays.map((day) => [name, schedule, day] as const)))(
    '%s, three days from %s',
    (_name, schedule, day) => {
      const from = at(day);
      const to = from + 3 * 24 * HOUR;
      const scanned: number[] = [];
      let previous = modeOnlyAt(schedule, from, NO_BREAK);
      for (let t = from + MINUTE; t <= to; t += MINUTE) {
        const current = modeOnlyAt(schedule, t, NO_BREAK);
        if (current.mode !== previous.mode || current.reason !== previous.reason) scanned.push(t);
        previous = current;
      }
      const found: number[] = [];
      for (let t = nextChange(schedule, from, NO_BREAK); t !== null && t <= to; t = nextChange(schedule, t, NO_BREAK)) found.push(t);
      expect(found.map((t) => new Date(t).toISOString())).toEqual(scanned.map((t) => new Date(t).toISOString()));
      expect(found.length).toBeGreaterThan(0);
    },
  );
});

describe('the 14-day horizon', () => {
  it('reports no change for a schedule that never changes', () => {
    expect(modeAt(open, at('2026-06-01T12:00:00Z'), NO_BREAK)).toEqual({ mode: 'personal', reason: 'weekend', since: null, until: null, modeUntil: null });
    expect(modeAt(shifts, at('2026-06-01T12:00:00Z'), NO_BREAK)).toEqual({ mode: 'work', reason: 'working-hours', since: null, until: null, modeUntil: null });
  });

  it('finds a change just inside the horizon and not one just beyond it', () => {
    const withHoliday = { ...shifts, bankHolidays: ['2026-06-15'] };
    const holidayStarts = at('2026-06-15T00:00:00+01:00');
    expect(nextChange(withHoliday, holidayStarts - CHANGE_HORIZON_MS, NO_BREAK)).toBe(holidayStarts);
    expect(nextChange(withHoliday, holidayStarts - CHANGE_HORIZON_MS - 1, NO_BREAK)).toBeNull();
    expect(previousChange(withHoliday, holidayStarts + CHANGE_HORIZON_MS - 1, NO_BREAK)).toBe(at('2026-06-16T00:00:00+01:00'));
  });
});
