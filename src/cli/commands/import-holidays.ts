import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../errors.ts';
import { holidayFileText, parseGovUkBankHolidays } from '../../rules/holidays.ts';

export type HolidayImportSummary = Record<string, { events: number; first: string | null; last: string | null; file: string }>;

/**
 * `aup import-holidays FILE`: write rules/holidays/<division>.yaml for each division in a copy of
 * GOV.UK's bank-holiday JSON. The files are replaced whole (GOV.UK's data is the record); the
 * schedules that name them pick the new dates up at the next `aup build`.
 */
export function importHolidays(file: string, rulesDir: string, json: boolean): HolidayImportSummary {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CliError(`cannot read ${file}`);
  }
  const divisions = parseGovUkBankHolidays(text);
  const dir = join(rulesDir, 'holidays');
  mkdirSync(dir, { recursive: true });
  const summary: HolidayImportSummary = {};
  for (const division of divisions) {
    const out = join(dir, `${division.division}.yaml`);
    writeFileSync(out, holidayFileText(division));
    summary[division.division] = { events: division.events.length, first: division.events[0]?.date ?? null, last: division.events.at(-1)?.date ?? null, file: out };
  }
  if (json) console.log(JSON.stringify(summary, null, 2));
  else for (const [name, s] of Object.entries(summary)) console.log(`${s.file}: ${s.events} bank holidays in ${name}${s.first ? ` (${s.first} to ${s.last})` : ''}`);
  return summary;
}
