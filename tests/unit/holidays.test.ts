import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse as parseYaml } from 'yaml';
import { expandBankHolidays, holidayFileText, parseGovUkBankHolidays } from '../../src/rules/holidays.ts';
import { RulesError } from '../../src/rules/rules-error.ts';
import { ROOT } from './support/bundle-fixture.ts';

const FIXTURE = join(ROOT, 'tests/fixtures/bank-holidays.govuk.json');

function aup(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/aup.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('GOV.UK bank-holiday data', () => {
  it('reads all three divisions, sorted and without repeats, and writes files that read back the same', () => {
    const govuk = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, { events: unknown[] }>;
    // Out of order, with a repeat: as a hand-edited download might be.
    govuk.scotland!.events.reverse();
    govuk.scotland!.events.push(govuk.scotland!.events[0]);
    const files = parseGovUkBankHolidays(JSON.stringify(govuk));
    expect(files.map((f) => f.division)).toEqual(['england-and-wales', 'scotland', 'northern-ireland']);
    const scotland = files[1]!;
    const dates = scotland.events.map((e) => e.date);
    expect(dates).toEqual([...new Set(dates)].sort());
    expect(scotland.events.find((e) => e.date === '2026-11-30')?.title).toBe('St Andrew’s Day');
    for (const file of files) expect(parseYaml(holidayFileText(file))).toEqual(file);
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    ['a division missing', JSON.stringify({ 'england-and-wales': { division: 'england-and-wales', events: [] } }), /scotland/],
    ['a date that does not exist', JSON.stringify({
      'england-and-wales': { division: 'e', events: [{ title: 'x', date: '2026-02-30' }] },
      scotland: { division: 's', events: [] },
      'northern-ireland': { division: 'n', events: [] },
    }), /2026-02-30/],
  ])('refuses %s with a message that says what is wrong', (_name, text, message) => {
    expect(() => parseGovUkBankHolidays(text)).toThrow(RulesError);
    expect(() => parseGovUkBankHolidays(text)).toThrow(message);
  });

  it('expands a division name in a schedule, keeps ICT\'s own dates, and names an unknown file', () => {
    const file = { division: 'scotland', events: [{ date: '2026-01-02', title: '2nd January' }] };
    const read = (name: string) => (name === 'scotland' ? file : null);
    expect(expandBankHolidays(['scotland', '2026-12-24'], read, 'schedules.office.bankHolidays')).toEqual(['2026-01-02', '2026-12-24']);
    expect(() => expandBankHolidays(['wales'], read, 'schedules.office.bankHolidays')).toThrow(/schedules\.office\.bankHolidays: "wales" is neither a date.*rules\/holidays/);
    expect(() => expandBankHolidays(['scotland'], () => ({ division: 'scotland', events: [{ date: 'soon', title: 'x' }] }), 'w')).toThrow(/rules\/holidays\/scotland\.yaml/);
  });
});

describe('aup import-holidays', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'aup-holidays-'));
    cpSync(join(ROOT, 'rules'), join(work, 'rules'), { recursive: true });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('writes rules/holidays/*.yaml from a downloaded file, and the next check and explain use the new dates', () => {
    const rules = join(work, 'rules');
    const govuk = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, { events: { title: string; date: string }[] }>;
    // A new council-wide holiday appears in the download: Tuesday 1 December 2026.
    govuk['england-and-wales']!.events.push({ title: 'Extra bank holiday', date: '2026-12-01' });
    const download = join(work, 'bank-holidays.json');
    writeFileSync(download, JSON.stringify(govuk));
    const before = aup('explain', 'https://facebook.com/', '--rules', rules, '--at', '2026-12-01T10:00', '--json');
    expect(JSON.parse(before.out)).toMatchObject({ mode: 'work', action: 'block' });

    const r = aup('import-holidays', download, '--rules', rules);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/england-and-wales\.yaml: 25 bank holidays/);
    expect(readFileSync(join(rules, 'holidays/england-and-wales.yaml'), 'utf8')).toMatch(/Extra bank holiday/);
    expect(aup('check', '--rules', rules).code).toBe(0);
    const after = aup('explain', 'https://facebook.com/', '--rules', rules, '--at', '2026-12-01T10:00', '--json');
    expect(JSON.parse(after.out)).toMatchObject({ mode: 'personal', modeReason: 'bank-holiday', action: 'allow-banner', decisionUntil: '2026-12-02T08:00:00.000Z' });
  });

  it('refuses a file that is not GOV.UK data, with exit status 1, and writes nothing', () => {
    const bad = join(work, 'bad.json');
    writeFileSync(bad, '{"hello": 1}');
    const before = readFileSync(join(work, 'rules/holidays/scotland.yaml'), 'utf8');
    const r = aup('import-holidays', bad, '--rules', join(work, 'rules'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not GOV\.UK bank-holiday data/);
    expect(readFileSync(join(work, 'rules/holidays/scotland.yaml'), 'utf8')).toBe(before);
  });
});
