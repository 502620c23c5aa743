import { z } from 'zod';
import { clipRanges, normaliseRanges, parseTimeRange, type LabelledRange, type MinuteRange } from './time-range.ts';
import { MINUTES_PER_DAY, WEEKDAYS, wallMsOfDate, type Weekday } from './wall-clock.ts';
import { isTimeZone } from './zone.ts';

/*
 * Two shapes of one schedule:
 *  - ScheduleSource: what ICT writes in rules/policy.yaml (strings, as written; embedded by the
 *    policy source schema, so every message here reaches ICT through `aup check`);
 *  - CompiledSchedule: what travels in the signed bundle and what the engine reads (minutes,
 *    normalised, plain JSON, deterministic key order).
 */

export const WeekdaySchema = z.enum(WEEKDAYS);

const TimeRange = z.string().superRefine((text, ctx) => {
  const parsed = parseTimeRange(text);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
});

const Zone = z.string().superRefine((zone, ctx) => {
  // Intl also takes abbreviations, and reads them surprisingly: "BST" is Bangladesh, "IST" India.
  // An Area/Location name says what it means.
  if (zone !== 'UTC' && !zone.includes('/')) {
    ctx.addIssue({ code: 'custom', message: `"${zone}" is not an Area/Location time zone name: write e.g. "Europe/London" (abbreviations such as BST or GMT are ambiguous)` });
  } else if (!isTimeZone(zone)) {
    ctx.addIssue({ code: 'custom', message: `unknown time zone "${zone}": use an IANA name such as "Europe/London"` });
  }
});

const IsoDate = z.string().refine((text) => wallMsOfDate(text) !== null, {
  error: (issue) => `"${String(issue.input)}" is not a date: write YYYY-MM-DD, e.g. "2026-12-25"`,
});

const Days = z.array(WeekdaySchema).min(1, 'list at least one day, e.g. [mon, tue, wed, thu, fri]');

/** A day's working hours. YAML `mon:` with nothing after it is null: no working hours, like a missing day. */
const DayHours = z.array(TimeRange).nullish();

/**
 * A fixed break's name ("Lunch"), in English or as `{ en, cy }` with its Welsh: the shape of
 * every policy text (src/policy/policy-text.ts, which this room cannot import); the compiled
 * schedule keeps the English, the bundle's translation map the Welsh.
 */
const LabelText = z.string().trim().min(1).max(80);
export const BreakLabel = z.union([LabelText, z.strictObject({ en: LabelText, cy: LabelText.optional() })]);

export const ScheduleSource = z.strictObject({
  zone: Zone.default('Europe/London'),
  workingHours: z.strictObject({
    mon: DayHours,
    tue: DayHours,
    wed: DayHours,
    thu: DayHours,
    fri: DayHours,
    sat: DayHours,
    sun: DayHours,
  }),
  breaks: z
    .strictObject({
      fixed: z
        .array(z.strictObject({ days: Days, time: TimeRange, label: BreakLabel.optional() }))
        .default([]),
      selfDeclared: z
        .strictObject({
          /** Staff may start a break only inside this window, and it ends by the window's end. */
          window: TimeRange,
          days: Days,
          maxMinutesPerDay: z.number().int().min(1).max(MINUTES_PER_DAY),
        })
        .optional(),
    })
    .default({ fixed: [] }),
  bankHolidays: z.array(IsoDate).default([]),
});
export type ScheduleSource = z.infer<typeof ScheduleSource>;
/** What may be handed to compileSchedule: defaults (zone, breaks, bank holidays) not yet filled in. */
export type ScheduleSourceInput = z.input<typeof ScheduleSource>;

const Minute = z.number().int().min(0).max(MINUTES_PER_DAY);
const rangeShape = { start: Minute, end: Minute };
const nonEmpty = (r: MinuteRange) => r.start < r.end;
const CompiledRange = z.strictObject(rangeShape).refine(nonEmpty, 'a range must end after it starts');
const CompiledBreak = z.strictObject({ ...rangeShape, label: z.string().optional() }).refine(nonEmpty, 'a range must end after it starts');
/** The engine relies on each day's ranges being sorted and separated (touching ones are merged). */
const separated = (ranges: readonly MinuteRange[]) => ranges.every((r, i) => i === 0 || (ranges[i - 1]?.end ?? 0) < r.start);
const DayRanges = z.array(CompiledRange).refine(separated, 'ranges must be sorted and must not touch or overlap');
const DayBreaks = z.array(CompiledBreak).refine(separated, 'ranges must be sorted and must not touch or overlap');
const week = <T extends z.ZodType>(day: T) =>
  z.strictObject({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day });

export const CompiledSchedule = z.strictObject({
  zone: Zone,
  /** Every weekday is present; an empty list is a day with no working hours. */
  workingHours: week(DayRanges),
  /** Fixed breaks already clipped to working hours. */
  fixedBreaks: week(DayBreaks),
  selfDeclared: z
    .strictObject({
      window: CompiledRange,
      days: z.array(WeekdaySchema),
      maxMinutesPerDay: z.number().int().min(1).max(MINUTES_PER_DAY),
    })
    .nullable(),
  bankHolidays: z
    .array(IsoDate)
    .refine((dates) => dates.every((d, i) => i === 0 || (dates[i - 1] ?? '') < d), 'bank holidays must be sorted, without repeats'),
});
export type CompiledSchedule = z.infer<typeof CompiledSchedule>;

/** The parsed range, or an Error naming where it came from (the schema has normally caught it already). */
function rangeOf(text: string, where: string): MinuteRange {
  const parsed = parseTimeRange(text);
  if (!parsed.ok) throw new Error(`${where}: ${parsed.message}`);
  return parsed.range;
}

function byWeekday<T>(make: (day: Weekday) => T): Record<Weekday, T> {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, make(day)])) as Record<Weekday, T>;
}

/**
 * Turn ICT's schedule into the engine's: parse ranges to minutes, normalise each day (drop
 * empty, sort, merge overlapping or touching), clip fixed breaks to working hours, sort and
 * de-duplicate days and bank holidays. Validates first, so raw YAML may be passed; throws an
 * Error with a message for ICT if the schedule is invalid. Same input, same output, byte for byte.
 */
export function compileSchedule(source: ScheduleSourceInput): CompiledSchedule {
  const parsed = ScheduleSource.safeParse(source);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || 'schedule'}: ${issue.message}`).join('; '));
  }
  const { zone, workingHours, breaks, bankHolidays } = parsed.data;

  const hours = byWeekday((day) =>
    normaliseRanges((workingHours[day] ?? []).map((text, i) => rangeOf(text, `workingHours.${day}.${i}`))),
  );
  const fixedBreaks = byWeekday((day) => {
    const raw: LabelledRange[] = breaks.fixed.flatMap((fixed, i) => {
      if (!fixed.days.includes(day)) return [];
      const range = rangeOf(fixed.time, `breaks.fixed.${i}.time`);
      if (fixed.label === undefined) return [range];
      return [{ ...range, label: typeof fixed.label === 'string' ? fixed.label : fixed.label.en }];
    });
    return clipRanges(raw, hours[day]);
  });
  const self = breaks.selfDeclared;

  return {
    zone,
    workingHours: hours,
    fixedBreaks,
    selfDeclared: self
      ? {
          window: rangeOf(self.window, 'breaks.selfDeclared.window'),
          days: WEEKDAYS.filter((day) => self.days.includes(day)),
          maxMinutesPerDay: self.maxMinutesPerDay,
        }
      : null,
    bankHolidays: [...new Set(bankHolidays)].sort(),
  };
}
