/**
 * Schedules shared by the schedule engine's tests (imported by *.test.ts only). They mirror
 * rules/policy.yaml where they can, so the tests exercise what ICT actually writes.
 */
import { compileSchedule, type ScheduleSourceInput } from './schema.ts';
import type { BreakState } from './mode.ts';

const WEEKDAYS_ONLY = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

/** The council's office schedule, as in the brief and rules/policy.yaml. */
export const officeSource = {
  zone: 'Europe/London',
  workingHours: {
    mon: ['08:00-18:00'],
    tue: ['08:00-18:00'],
    wed: ['08:00-18:00'],
    thu: ['08:00-18:00'],
    fri: ['08:00-17:30'],
  },
  breaks: {
    fixed: [{ days: [...WEEKDAYS_ONLY], time: '12:30-13:30', label: 'Lunch' }],
    selfDeclared: { window: '11:30-14:30', days: [...WEEKDAYS_ONLY], maxMinutesPerDay: 60 },
  },
  bankHolidays: ['2026-12-25', '2026-12-28'],
} satisfies ScheduleSourceInput;
export const office = compileSchedule(officeSource);

/**
 * Every day 08:00-18:00 with lunch: both 2026 clock changes in London fall on a Sunday, so the
 * office schedule would only ever say "weekend" on them.
 */
const everyDay = ['08:00-18:00'];
export const sevenDaySource = {
  workingHours: { mon: everyDay, tue: everyDay, wed: everyDay, thu: everyDay, fri: everyDay, sat: everyDay, sun: everyDay },
  breaks: {
    fixed: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], time: '12:30-13:30', label: 'Lunch' }],
    selfDeclared: { window: '11:30-14:30', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], maxMinutesPerDay: 60 },
  },
} satisfies ScheduleSourceInput;
export const sevenDay = compileSchedule(sevenDaySource);

/** Round the clock, as the children's homes schedule in rules/policy.yaml. */
const allDay = ['00:00-24:00'];
export const shifts = compileSchedule({
  workingHours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
  breaks: { selfDeclared: { window: '00:00-24:00', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], maxMinutesPerDay: 60 } },
});

/** Open-access PCs: no working hours at all. */
export const open = compileSchedule({ workingHours: {}, breaks: {} });

/** The same office day in New York, to show nothing is London-specific. */
export const newYork = compileSchedule({ ...officeSource, zone: 'America/New_York', bankHolidays: ['2026-07-03'] });

export const NO_BREAK: BreakState = { selfDeclared: null };

/** Epoch ms of an ISO string with an explicit offset, so tables read as local time and say which offset. */
export const at = (iso: string): number => {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) throw new Error(`bad test instant ${iso}`);
  return instant;
};

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
