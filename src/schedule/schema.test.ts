import { describe, expect, it } from 'vitest';
import { CompiledSchedule, ScheduleSource, compileSchedule } from './schema.ts';
import { office, officeSource } from './test-fixtures.ts';

/** The messages zod reports for `input`, each prefixed by its path. */
function problems(input: unknown): string[] {
  const parsed = ScheduleSource.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const noHours = { workingHours: {} };

describe('ScheduleSource', () => {
  it('accepts the council office schedule as ICT writes it', () => {
    expect(problems(officeSource)).toEqual([]);
  });

  it('accepts the open-access shape of rules/policy.yaml (empty hours, empty breaks) and fills in defaults', () => {
    expect(ScheduleSource.parse({ zone: 'Europe/London', workingHours: {}, breaks: {}, bankHolidays: [] })).toEqual({
      zone: 'Europe/London',
      workingHours: {},
      breaks: { fixed: [] },
      bankHolidays: [],
    });
    expect(ScheduleSource.parse(noHours)).toEqual({ zone: 'Europe/London', workingHours: {}, breaks: { fixed: [] }, bankHolidays: [] });
  });

  it('treats a YAML day with nothing after it (null) as no working hours', () => {
    expect(problems({ workingHours: { sat: null } })).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['an unknown zone', { ...noHours, zone: 'Mars/Olympus' }, 'zone: unknown time zone "Mars/Olympus"'],
    ['a zone abbreviation Intl would misread', { ...noHours, zone: 'BST' }, 'zone: "BST" is not an Area/Location time zone name'],
    ['a bad working-hours range', { workingHours: { mon: ['09:00-17:00', '8-12'] } }, 'workingHours.mon.1: "8-12" is not a time range'],
    ['an overnight range', { workingHours: { fri: ['22:00-06:00'] } }, 'workingHours.fri.0: "22:00-06:00": the end must be after the start. Ranges cannot cross midnight'],
    ['a misspelt weekday', { workingHours: { monday: ['09:00-17:00'] } }, 'workingHours: Unrecognized key: "monday"'],
    ['an unknown top-level key', { ...noHours, workinghours: {} }, ': Unrecognized key: "workinghours"'],
    ['a fixed break without days', { ...noHours, breaks: { fixed: [{ days: [], time: '12:30-13:30' }] } }, 'breaks.fixed.0.days: list at least one day'],
    ['a fixed break on a non-day', { ...noHours, breaks: { fixed: [{ days: ['mon', 'xyz'], time: '12:30-13:30' }] } }, 'breaks.fixed.0.days.1:'],
    ['a bad break window', { ...noHours, breaks: { selfDeclared: { window: '14:30-11:30', days: ['mon'], maxMinutesPerDay: 60 } } }, 'breaks.selfDeclared.window:'],
    ['a zero daily allowance', { ...noHours, breaks: { selfDeclared: { window: '11:30-14:30', days: ['mon'], maxMinutesPerDay: 0 } } }, 'breaks.selfDeclared.maxMinutesPerDay:'],
    ['an impossible bank holiday', { ...noHours, bankHolidays: ['2026-02-30'] }, 'bankHolidays.0: "2026-02-30" is not a date: write YYYY-MM-DD'],
    ['a bank holiday in another format', { ...noHours, bankHolidays: ['25/12/2026'] }, 'bankHolidays.0: "25/12/2026" is not a date'],
  ])('rejects %s, saying where and why', (_name, input, expected) => {
    expect(problems(input).join('\n')).toContain(expected);
  });
});

describe('compileSchedule', () => {
  it('compiles the office schedule to minutes per weekday, clipping nothing it does not need to', () => {
    const weekday = [{ start: 480, end: 1080 }];
    const lunch = [{ start: 750, end: 810, label: 'Lunch' }];
    expect(office).toEqual({
      zone: 'Europe/London',
      workingHours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: [{ start: 480, end: 1050 }], sat: [], sun: [] },
      fixedBreaks: { mon: lunch, tue: lunch, wed: lunch, thu: lunch, fri: lunch, sat: [], sun: [] },
      selfDeclared: { window: { start: 690, end: 870 }, days: ['mon', 'tue', 'wed', 'thu', 'fri'], maxMinutesPerDay: 60 },
      bankHolidays: ['2026-12-25', '2026-12-28'],
    });
  });

  it('produces plain JSON that its own schema accepts', () => {
    expect(CompiledSchedule.parse(JSON.parse(JSON.stringify(office)))).toEqual(office);
  });

  it('normalises working hours: sorted, overlapping and touching ranges merged', () => {
    const compiled = compileSchedule({ workingHours: { mon: ['13:00-18:00', '08:00-10:00', '09:30-12:00', '12:00-12:30'] } });
    expect(compiled.workingHours.mon).toEqual([
      { start: 480, end: 750 },
      { start: 780, end: 1080 },
    ]);
  });

  it('clips fixed breaks to working hours and drops those outside them', () => {
    const compiled = compileSchedule({
      workingHours: { mon: ['08:00-12:00', '13:00-17:00'], tue: ['08:00-17:00'] },
      breaks: {
        fixed: [
          { days: ['mon', 'tue'], time: '11:30-13:30', label: 'Lunch' },
          { days: ['mon', 'sat'], time: '18:00-19:00', label: 'Evening' },
        ],
      },
    });
    expect(compiled.fixedBreaks.mon).toEqual([
      { start: 690, end: 720, label: 'Lunch' },
      { start: 780, end: 810, label: 'Lunch' },
    ]);
    expect(compiled.fixedBreaks.tue).toEqual([{ start: 690, end: 810, label: 'Lunch' }]);
    expect(compiled.fixedBreaks.sat).toEqual([]);
  });

  it('merges touching fixed breaks so there is no false "change" between them', () => {
    const compiled = compileSchedule({
      workingHours: { wed: ['08:00-18:00'] },
      breaks: { fixed: [{ days: ['wed'], time: '12:30-13:00', label: 'Lunch' }, { days: ['wed'], time: '13:00-13:15', label: 'Walk' }] },
    });
    expect(compiled.fixedBreaks.wed).toEqual([{ start: 750, end: 795, label: 'Lunch / Walk' }]);
  });

  it('sorts and de-duplicates bank holidays and self-declared days', () => {
    const compiled = compileSchedule({
      ...noHours,
      breaks: { selfDeclared: { window: '11:30-14:30', days: ['fri', 'mon', 'fri'], maxMinutesPerDay: 30 } },
      bankHolidays: ['2026-12-28', '2026-12-25', '2026-12-28', '2026-01-01'],
    });
    expect(compiled.bankHolidays).toEqual(['2026-01-01', '2026-12-25', '2026-12-28']);
    expect(compiled.selfDeclared?.days).toEqual(['mon', 'fri']);
  });

  it('is deterministic: the same schedule written in another order compiles to the same bytes', () => {
    const reordered = compileSchedule({
      bankHolidays: ['2026-12-28', '2026-12-25'],
      breaks: { selfDeclared: { maxMinutesPerDay: 60, days: ['fri', 'thu', 'wed', 'tue', 'mon'], window: '11:30-14:30' }, fixed: officeSource.breaks.fixed },
      workingHours: { fri: ['08:00-12:00', '12:00-17:30'], thu: ['08:00-18:00'], wed: ['08:00-18:00'], tue: ['08:00-18:00'], mon: ['08:00-18:00'] },
      zone: 'Europe/London',
    });
    expect(JSON.stringify(reordered)).toBe(JSON.stringify(office));
  });

  it('throws an Error for ICT naming the place and the v1 overnight limit', () => {
    expect(() => compileSchedule({ workingHours: { mon: ['22:00-06:00'] } })).toThrow(
      /workingHours\.mon\.0: "22:00-06:00": the end must be after the start\. Ranges cannot cross midnight in this version/,
    );
    expect(() => compileSchedule({ zone: 'Not/AZone', workingHours: {} })).toThrow(/zone: unknown time zone "Not\/AZone"/);
  });

  it('works for another zone', () => {
    expect(compileSchedule({ zone: 'America/New_York', workingHours: { mon: ['09:00-17:00'] } }).zone).toBe('America/New_York');
  });
});

describe('CompiledSchedule', () => {
  const valid = JSON.parse(JSON.stringify(office)) as Record<string, unknown>;
  const withHours = (mon: unknown) => ({ ...valid, workingHours: { ...(valid.workingHours as object), mon } });

  it.each<[string, unknown]>([
    ['unsorted ranges', withHours([{ start: 800, end: 900 }, { start: 100, end: 200 }])],
    ['touching ranges', withHours([{ start: 100, end: 200 }, { start: 200, end: 300 }])],
    ['an empty range', withHours([{ start: 100, end: 100 }])],
    ['minutes past midnight', withHours([{ start: 100, end: 1441 }])],
    ['a missing weekday', { ...valid, workingHours: { mon: [] } }],
    ['unsorted bank holidays', { ...valid, bankHolidays: ['2026-12-28', '2026-12-25'] }],
    ['repeated bank holidays', { ...valid, bankHolidays: ['2026-12-25', '2026-12-25'] }],
    ['an unknown zone', { ...valid, zone: 'Mars/Olympus' }],
  ])('rejects a bundle with %s', (_name, input) => {
    expect(CompiledSchedule.safeParse(input).success).toBe(false);
  });
});
