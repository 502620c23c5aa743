import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { decide } from '../../decide/decide.ts';
import { situationFor } from '../../decide/situation.ts';
import { Action } from '../../policy/actions.ts';
import { CliError } from '../errors.ts';
import { parseInstant } from '../local-time.ts';
import { breakStateOf, indexRules, zoneFor } from '../policy-context.ts';
import { loadRules, readYaml } from '../../rules/load-rules.ts';
import { disk } from '../disk.ts';
import { DownloadCase, runDownloadCase, runSearchCase, SearchCase } from './test-downloads.ts';

/** One of ICT's expectations in rules/tests/*.yaml. */
const Case = z.strictObject({
  name: z.string().min(1),
  url: z.string().min(1),
  at: z.string().min(1),
  group: z.string().min(1),
  managed: z.boolean().default(false),
  selfDeclaredBreak: z.strictObject({ from: z.string(), minutes: z.number().int().positive() }).optional(),
  expect: z.strictObject({ action: Action, category: z.string().optional(), rule: z.string().optional() }),
});
const CaseFile = z.strictObject({ cases: z.array(z.looseObject({})).min(1) });

/** A case is a page (`url`), a download (`download`) or a search (`search`): each checked against its own schema. */
function parseCase(raw: Record<string, unknown>, where: string) {
  const schema = 'download' in raw ? DownloadCase : 'search' in raw ? SearchCase : Case;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new CliError(`${where}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(case)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export type CaseOutcome = { file: string; name: string; passed: boolean; detail: string };

/** `aup test`: run every expectation in rules/tests; exit 1 when any fails. */
export function runTests(rulesDir: string, json: boolean): CaseOutcome[] {
  const rules = loadRules(disk, rulesDir);
  const index = indexRules(rules);
  const testsDir = join(rulesDir, 'tests');
  const files = readdirSync(testsDir).filter((f) => /\.ya?ml$/.test(f)).sort();
  if (files.length === 0) throw new CliError(`no expectation files in ${testsDir}`);
  const outcomes: CaseOutcome[] = [];
  for (const file of files) {
    const parsed = CaseFile.safeParse(readYaml(disk, join(testsDir, file)));
    if (!parsed.success) {
      throw new CliError(`${join(testsDir, file)}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    for (const [i, raw] of parsed.data.cases.entries()) {
      const c = parseCase(raw, `${join(testsDir, file)}: cases.${i}`);
      if ('download' in c || 'search' in c) {
        outcomes.push({ file, name: c.name, ...('download' in c ? runDownloadCase(rules, c) : runSearchCase(rules, c)) });
        continue;
      }
      const zone = zoneFor(rules, c.group);
      const from = c.selfDeclaredBreak ? parseInstant(c.selfDeclaredBreak.from, zone) : null;
      const result = decide(index, c.url, situationFor(rules.policy, {
        at: parseInstant(c.at, zone),
        group: c.group,
        managed: c.managed,
        breakState: breakStateOf(from, c.selfDeclaredBreak?.minutes ?? null),
      }));
      if (!result.ok) {
        outcomes.push({ file, name: c.name, passed: false, detail: `URL not understood: ${result.error}` });
        continue;
      }
      const d = result.decision;
      const wrong: string[] = [];
      if (d.action !== c.expect.action) wrong.push(`action ${d.action}, expected ${c.expect.action}`);
      if (c.expect.category && !d.deciding.some((x) => x.id === c.expect.category)) {
        wrong.push(`decided by [${d.deciding.map((x) => x.id).join(', ') || 'nothing'}], expected ${c.expect.category}`);
      }
      if (c.expect.rule && d.rule !== c.expect.rule) wrong.push(`rule ${d.rule}, expected ${c.expect.rule}`);
      outcomes.push({ file, name: c.name, passed: wrong.length === 0, detail: wrong.length ? `${wrong.join('; ')} — ${d.reason}` : d.reason });
    }
  }
  const failed = outcomes.filter((o) => !o.passed);
  if (json) console.log(JSON.stringify({ passed: outcomes.length - failed.length, failed: failed.length, outcomes }));
  else {
    for (const o of outcomes) console.log(`${o.passed ? '✔' : '✖'} ${o.file}: ${o.name}${o.passed ? '' : `\n    ${o.detail}`}`);
    console.log(`${outcomes.length - failed.length} passed, ${failed.length} failed`);
  }
  if (failed.length > 0) throw new CliError(`${failed.length} expectation(s) failed`, 1);
  return outcomes;
}
