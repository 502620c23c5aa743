import { z } from 'zod';
import { stringify as toYaml } from 'yaml';
import { wallMsOfDate } from '../schedule/wall-clock.ts';
import { RulesError } from './rules-error.ts';

/*
 * Bank holidays as data: rules/holidays/<division>.yaml, one file per UK division, named by a
 * schedule's `bankHolidays` (e.g. `[england-and-wales]`, mixed freely with ICT's own dates such as
 * a council closure day). The files are written by `aup import-holidays FILE` from the JSON that
 * GOV.UK publishes (https://www.gov.uk/bank-holidays.json), so ICT refreshes them from a
 * downloaded copy instead of typing dates.
 */

/** The divisions GOV.UK publishes, which are also the file names. */
export const DIVISIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type Division = (typeof DIVISIONS)[number];

const IsoDate = z.string().refine((text) => wallMsOfDate(text) !== null, { error: (i) => `"${String(i.input)}" is not a date (YYYY-MM-DD)` });
const Event = z.object({ date: IsoDate, title: z.string().trim().min(1).max(200) });

/** A file in rules/holidays/. */
export const HolidayFile = z.strictObject({
  division: z.string().regex(/^[a-z][a-z0-9-]*$/),
  source: z.string().optional(),
  events: z.array(Event),
});
export type HolidayFile = z.infer<typeof HolidayFile>;

/** GOV.UK's format: `{ "england-and-wales": { division, events: [{ title, date, notes, bunting }] }, … }`. */
const GovUkDivision = z.object({ division: z.string(), events: z.array(Event.extend({ notes: z.string().optional(), bunting: z.boolean().optional() })) });
export const GovUkBankHolidays = z.object(Object.fromEntries(DIVISIONS.map((d) => [d, GovUkDivision])) as Record<Division, typeof GovUkDivision>);

export const GOV_UK_SOURCE = 'https://www.gov.uk/bank-holidays.json';

/** One HolidayFile per division, events sorted by date without repeats. Throws RulesError naming what is wrong. */
export function parseGovUkBankHolidays(text: string): HolidayFile[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RulesError(`not JSON: ${(error as Error).message}`);
  }
  const parsed = GovUkBankHolidays.safeParse(json);
  if (!parsed.success) {
    throw new RulesError(`not GOV.UK bank-holiday data: ${parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`);
  }
  return DIVISIONS.map((division) => {
    const byDate = new Map(parsed.data[division].events.map((e) => [e.date, { date: e.date, title: e.title }]));
    return { division, source: GOV_UK_SOURCE, events: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)) };
  });
}

/** The YAML text of a holiday file, with a header that says where it came from and how to refresh it. */
export function holidayFileText(file: HolidayFile): string {
  const header = [
    `# Bank holidays: ${file.division}. Name this file in a schedule's bankHolidays (rules/policy.yaml).`,
    `# Refresh from GOV.UK's data: download ${GOV_UK_SOURCE} and run: aup import-holidays bank-holidays.json`,
  ];
  return `${header.join('\n')}\n${toYaml(file, { lineWidth: 0 })}`;
}

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A schedule's `bankHolidays` with every division name replaced by that file's dates.
 * `readFile(name)` gives the parsed YAML of rules/holidays/<name>.yaml, or null if there is none.
 */
export function expandBankHolidays(entries: readonly unknown[], readFile: (name: string) => unknown, where: string): unknown[] {
  return entries.flatMap((entry) => {
    if (typeof entry !== 'string' || DATE_SHAPE.test(entry)) return [entry];
    const raw = readFile(entry);
    if (raw === null) throw new RulesError(`${where}: "${entry}" is neither a date (YYYY-MM-DD) nor a file in rules/holidays/ (have: ${DIVISIONS.join(', ')})`);
    const parsed = HolidayFile.safeParse(raw);
    if (!parsed.success) throw new RulesError(`rules/holidays/${entry}.yaml: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return parsed.data.events.map((e) => e.date);
  });
}
