import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { compileSchedule, type CompiledSchedule } from './schema.ts';
import { modeAt, type BreakState } from './mode.ts';
import { startSelfDeclaredBreak } from './self-declared.ts';
import { formatChangeTime } from './format-time.ts';
import { NO_BREAK, at, office, officeSource, sevenDay } from './test-fixtures.ts';

/*
 * "The next change that matters": what people are told (modeUntil), as opposed to the next
 * change of the schedule's reason (until), which only the alarms need.
 */

/** The dates in rules/holidays/<name>.yaml (read directly: src/rules depends on this folder, not the other way). */
const division = (name: string): string[] =>
  (parseYaml(readFileSync(new URL(`../../rules/holidays/${name}.yaml`, import.meta.url), 'utf8')) as { events: { date: string }[] }).events.map((e) => e.date);
const officeIn = (name: string): CompiledSchedule => compileSchedule({ ...officeSource, bankHolidays: division(name) });

type Row = [when: string, mode: string, modeUntil: string | null, shown: string];

function expectTold(schedule: CompiledSchedule, [when, mode, modeUntil, shown]: Row, state: BreakState = NO_BREAK) {
  const found = modeAt(schedule, at(when), state);
  expect(found.mode).toBe(mode);
  expect(found.modeUntil).toBe(modeUntil === null ? null : at(modeUntil));
  expect(found.modeUntil === null ? '' : formatChangeTime(found.modeUntil, at(when), schedule.zone)).toBe(shown);
}

describe('what people are told: the next change of mode, skipping reason-only changes (office, London)', () => {
  it.each<Row>([
    // The bug this fixes: on a Sunday afternoon the reason changes at midnight (weekend → outside
    // hours) but personal time lasts until work starts on Monday.
    ['2026-11-29T15:20:00+00:00', 'personal', '2026-11-30T08:00:00+00:00', 'Monday 08:00'],
    // Friday evening: across the whole weekend.
    ['2026-11-27T17:30:00+00:00', 'personal', '2026-11-30T08:00:00+00:00', 'Monday 08:00'],
    // A weekday evening: the next morning.
    ['2026-11-24T19:00:00+00:00', 'personal', '2026-11-25T08:00:00+00:00', 'Wednesday 08:00'],
    // After midnight, the same morning is today.
    ['2026-11-25T06:00:00+00:00', 'personal', '2026-11-25T08:00:00+00:00', '08:00'],
    // Lunch.
    ['2026-11-24T12:45:00+00:00', 'break', '2026-11-24T13:30:00+00:00', '13:30'],
    ['2026-11-24T09:00:00+00:00', 'work', '2026-11-24T12:30:00+00:00', '12:30'],
    // Christmas: bank holidays, a weekend and more bank holidays run together.
    ['2026-12-24T18:30:00+00:00', 'personal', '2026-12-29T08:00:00+00:00', 'Tuesday 08:00'],
    // A Friday evening before Christmas week.
    ['2026-12-18T17:30:00+00:00', 'personal', '2026-12-21T08:00:00+00:00', 'Monday 08:00'],
  ])('%s → %s until %s ("%s")', (...row) => expectTold(office, row));

  it('a self-declared break that runs into the fixed lunch is one break, until the end of lunch', () => {
    const started = startSelfDeclaredBreak(office, at('2026-11-24T12:00:00+00:00'), NO_BREAK, null, 60);
    if (!started.ok) throw new Error('expected the break to start');
    // The break is cut at 12:30 (lunch is a break anyway, not charged), then lunch follows.
    expect(started.endsAt).toBe(at('2026-11-24T12:30:00+00:00'));
    const during = modeAt(office, at('2026-11-24T12:10:00+00:00'), started.state);
    expect(during).toMatchObject({ mode: 'break', reason: 'self-declared-break', until: at('2026-11-24T12:30:00+00:00'), modeUntil: at('2026-11-24T13:30:00+00:00') });
  });

  it('a self-declared break cut short by the daily cap ends at the cap, and no further break starts', () => {
    const usage = { date: '2026-11-24', minutesUsed: 50 };
    const started = startSelfDeclaredBreak(office, at('2026-11-24T11:40:00+00:00'), NO_BREAK, usage, 30);
    if (!started.ok) throw new Error('expected the break to start');
    expect(started.endsAt).toBe(at('2026-11-24T11:50:00+00:00'));
    expect(modeAt(office, at('2026-11-24T11:45:00+00:00'), started.state).modeUntil).toBe(at('2026-11-24T11:50:00+00:00'));
    const again = startSelfDeclaredBreak(office, at('2026-11-24T11:55:00+00:00'), { selfDeclared: null }, started.usage, 5);
    expect(again).toEqual({ ok: false, reason: 'daily-cap-reached' });
  });
});

describe('across both clock changes (seven-day schedule)', () => {
  it.each<Row>([
    // Spring forward: 00:30 GMT, work starts at 08:00 BST the same day.
    ['2026-03-29T00:30:00+00:00', 'personal', '2026-03-29T08:00:00+01:00', '08:00'],
    ['2026-03-28T18:30:00+00:00', 'personal', '2026-03-29T08:00:00+01:00', 'Sunday 08:00'],
    // Fall back: 01:30 BST, then 01:30 GMT an hour later, both before 08:00 GMT.
    ['2026-10-25T01:30:00+01:00', 'personal', '2026-10-25T08:00:00+00:00', '08:00'],
    ['2026-10-25T01:30:00+00:00', 'personal', '2026-10-25T08:00:00+00:00', '08:00'],
    ['2026-10-24T20:00:00+01:00', 'personal', '2026-10-25T08:00:00+00:00', 'Sunday 08:00'],
  ])('%s → %s until %s ("%s")', (...row) => expectTold(sevenDay, row));
});

describe('bank holidays of each UK division (rules/holidays/)', () => {
  it.each<[string, Row]>([
    // 2 January 2026 (Friday) is a bank holiday in Scotland only.
    ['england-and-wales', ['2026-01-01T18:30:00+00:00', 'personal', '2026-01-02T08:00:00+00:00', 'Friday 08:00']],
    ['scotland', ['2026-01-01T18:30:00+00:00', 'personal', '2026-01-05T08:00:00+00:00', 'Monday 08:00']],
    // St Patrick's Day (Tuesday 17 March 2026), Northern Ireland only.
    ['england-and-wales', ['2026-03-16T19:00:00+00:00', 'personal', '2026-03-17T08:00:00+00:00', 'Tuesday 08:00']],
    ['northern-ireland', ['2026-03-16T19:00:00+00:00', 'personal', '2026-03-18T08:00:00+00:00', 'Wednesday 08:00']],
    // Easter Monday 2027 (29 March): England, Wales and Northern Ireland, not Scotland.
    ['england-and-wales', ['2027-03-25T19:00:00+00:00', 'personal', '2027-03-30T08:00:00+01:00', 'Tuesday 08:00']],
    ['scotland', ['2027-03-25T19:00:00+00:00', 'personal', '2027-03-29T08:00:00+01:00', 'Monday 08:00']],
    // St Andrew's Day (Monday 30 November 2026), Scotland only.
    ['scotland', ['2026-11-27T17:30:00+00:00', 'personal', '2026-12-01T08:00:00+00:00', 'Tuesday 08:00']],
    ['england-and-wales', ['2026-11-27T17:30:00+00:00', 'personal', '2026-11-30T08:00:00+00:00', 'Monday 08:00']],
  ])('%s: %s', (name, row) => expectTold(officeIn(name), row));

  it('every listed date is a weekday, in 2026–2028, and the files agree with the GOV.UK-format fixture they were imported from', () => {
    for (const name of ['england-and-wales', 'scotland', 'northern-ireland']) {
      const dates = division(name);
      expect(dates.length).toBeGreaterThan(20);
      for (const date of dates) {
        expect(date >= '2026-01-01' && date <= '2028-12-31', date).toBe(true);
        expect([0, 6], `${name} ${date}`).not.toContain(new Date(`${date}T12:00:00Z`).getUTCDay());
      }
      const fixture = JSON.parse(readFileSync(new URL('../../tests/fixtures/bank-holidays.govuk.json', import.meta.url), 'utf8')) as Record<string, { events: { date: string }[] }>;
      expect(dates).toEqual(fixture[name]!.events.map((e) => e.date));
    }
  });
});

describe('formatChangeTime', () => {
  const now = at('2026-11-24T09:00:00+00:00'); // a Tuesday
  it.each([
    ['2026-11-24T13:30:00+00:00', 'Europe/London', '13:30'],
    ['2026-11-24T23:59:00+00:00', 'Europe/London', '23:59'],
    ['2026-11-25T00:00:00+00:00', 'Europe/London', 'Wednesday 00:00'],
    ['2026-11-30T08:00:00+00:00', 'Europe/London', 'Monday 08:00'],
    ['2026-12-01T08:00:00+00:00', 'Europe/London', 'Tuesday 1 December 08:00'],
    // In the schedule's zone, not the device's: 08:00 in New York is 13:00 in London.
    ['2026-11-24T13:00:00+00:00', 'America/New_York', '08:00'],
    // Summer time: 12:30 UTC is 13:30 in London.
    ['2026-06-02T12:30:00+00:00', 'Europe/London', 'Tuesday 2 June 13:30'],
  ])('%s in %s → %s', (instant, zone, shown) => {
    expect(formatChangeTime(at(instant), now, zone)).toBe(shown);
  });

  // Welsh pages say "tan ddydd Llun 08:00": the weekday after the soft mutation, months in Welsh.
  it.each([
    ['2026-11-24T13:30:00+00:00', '13:30'],
    ['2026-11-30T08:00:00+00:00', 'ddydd Llun 08:00'],
    ['2026-11-27T08:00:00+00:00', 'ddydd Gwener 08:00'],
    ['2026-12-01T08:00:00+00:00', 'ddydd Mawrth, 1 Rhagfyr 08:00'],
  ])('%s in Welsh → %s', (instant, shown) => {
    expect(formatChangeTime(at(instant), now, 'Europe/London', 'cy')).toBe(shown);
  });
});

describe('the device\'s own time zone changes nothing', () => {
  it('gives the same mode, end, formatted time and break allowance whatever TZ the process runs in', async () => {
    const { selfDeclaredStatus } = await import('./self-declared.ts');
    const instant = at('2026-11-24T11:50:00+00:00');
    const usage = { date: '2026-11-24', minutesUsed: 20 };
    const read = () => {
      const mode = modeAt(office, instant, NO_BREAK);
      return { mode, shown: formatChangeTime(mode.modeUntil!, instant, office.zone), breaks: selfDeclaredStatus(office, instant, NO_BREAK, usage) };
    };
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Europe/London';
      const london = read();
      // A laptop set to a zone 14 hours ahead, where it is already the next day.
      process.env.TZ = 'Pacific/Kiritimati';
      expect(new Date(instant).getDate()).toBe(25);
      expect(read()).toEqual(london);
      expect(london.shown).toBe('12:30');
      expect(london.breaks).toMatchObject({ minutesLeft: 40 });
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
