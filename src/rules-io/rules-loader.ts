import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { compilePolicy, type PolicyProblem } from '../policy/compile-policy.ts';
import type { CompiledPolicy } from '../policy/compiled-schema.ts';
import { lintHostList, parseHostList, type ListIssue } from '../lists/list-lint.ts';
import { pruneCoveredHosts } from '../lists/prune-hosts.ts';
import { normalizeHost } from '../match/host.ts';
import { RulesError } from './rules-error.ts';

export type LoadedRules = {
  dir: string;
  policy: CompiledPolicy;
  serial: number;
  validDays: number;
  /** Category id → normalised, pruned hosts (curated, plus imported lists when given). */
  lists: Record<string, string[]>;
  warnings: PolicyProblem[];
  /** Licence notices of imported lists (from ATTRIBUTION files beside them). */
  attribution: string[];
};

export type LoadOptions = { extraLists?: string | undefined };

export function readYaml(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new RulesError(`cannot read ${file}`);
  }
  try {
    return parseYaml(text, { prettyErrors: true });
  } catch (error) {
    throw new RulesError(`${file} is not valid YAML: ${(error as Error).message}`);
  }
}

function formatProblems(file: string, problems: PolicyProblem[]): string {
  return [`${file} has ${problems.length} problem(s):`, ...problems.map((p) => `  ${p.path}: ${p.message}`)].join('\n');
}

function formatListIssues(file: string, issues: ListIssue[]): string {
  return [`${file} has ${issues.length} problem(s):`, ...issues.map((i) => `  line ${i.line} "${i.host}": ${i.problem} (${i.detail})`)].join('\n');
}

/** Hosts of an imported list: not linted (foreign data), but every entry normalised; bad ones dropped. */
function readImportedList(file: string): string[] {
  const { hosts } = parseHostList(readFileSync(file, 'utf8'));
  const out: string[] = [];
  for (const written of hosts) {
    const host = normalizeHost(written);
    if (host.ok) out.push(host.host);
  }
  return out;
}

/** Read, validate and compile rules/: the policy, its category lists, and optional imported lists. */
export function loadRules(dir: string, options: LoadOptions = {}): LoadedRules {
  const policyFile = join(dir, 'policy.yaml');
  const raw = readYaml(policyFile);
  const compiled = compilePolicy(raw);
  if (!compiled.ok) throw new RulesError(formatProblems(policyFile, compiled.problems));
  const release = (raw as { release: { serial: number; validDays?: number } }).release;

  const lists: Record<string, string[]> = {};
  const errors: string[] = [];
  for (const category of compiled.policy.categories) {
    const file = join(dir, 'categories', `${compiled.listOf[category.id]}.txt`);
    if (!existsSync(file)) {
      errors.push(`${file} is missing (list of category "${category.id}")`);
      continue;
    }
    const text = readFileSync(file, 'utf8');
    const issues = lintHostList(text);
    if (issues.length > 0) errors.push(formatListIssues(file, issues));
    lists[category.id] = parseHostList(text).hosts;
  }
  if (errors.length > 0) throw new RulesError(errors.join('\n'));

  const attribution: string[] = [];
  if (options.extraLists) {
    if (!existsSync(options.extraLists)) throw new RulesError(`no such folder: ${options.extraLists}`);
    const files = readdirSync(options.extraLists).filter((f) => f.endsWith('.txt'));
    const known = new Set(compiled.policy.categories.map((c) => c.id));
    for (const f of files) {
      const category = f.slice(0, -4);
      if (!known.has(category)) throw new RulesError(`${join(options.extraLists, f)}: no category "${category}" in the policy`);
      lists[category] = [...(lists[category] ?? []), ...readImportedList(join(options.extraLists, f))];
    }
    const notice = join(options.extraLists, 'ATTRIBUTION');
    if (existsSync(notice)) attribution.push(readFileSync(notice, 'utf8').trim());
  }
  for (const id of Object.keys(lists)) lists[id] = pruneCoveredHosts(lists[id]!);

  return {
    dir,
    policy: compiled.policy,
    serial: release.serial,
    validDays: release.validDays ?? 30,
    lists,
    warnings: compiled.warnings,
    attribution,
  };
}
