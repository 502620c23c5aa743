import { parse as parseYaml } from 'yaml';
import { compilePolicy, type PolicyProblem } from '../policy/compile-policy.ts';
import type { CompiledPolicy } from '../policy/compiled-schema.ts';
import { lintHostList, parseHostList, type ListIssue } from '../lists/list-lint.ts';
import { pruneCoveredHosts } from '../lists/prune-hosts.ts';
import { normalizeHost } from '../match/host.ts';
import { RulesError } from './rules-error.ts';
import { expandBankHolidays } from './holidays.ts';

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

/**
 * How rules/ is read: the CLI and the build pass the file system (src/cli/disk.ts,
 * scripts/rules-disk.ts), tests may pass anything. Keeps this module pure, as the core must be.
 * `read` gives a file's text, `list` a folder's file names; null when there is no such thing.
 */
export type RulesFiles = { read(path: string): string | null; list(dir: string): string[] | null };

/** Paths are joined with `/`, which every platform's file APIs accept. */
export function joinPath(...parts: string[]): string {
  return parts.map((p, i) => (i === 0 ? p.replace(/[/\\]+$/, '') : p.replace(/^[/\\]+|[/\\]+$/g, ''))).join('/');
}

/** A YAML file's content, with ICT-readable errors. */
export function readYaml(files: RulesFiles, file: string): unknown {
  const text = files.read(file);
  if (text === null) throw new RulesError(`cannot read ${file}`);
  try {
    return parseYaml(text, { prettyErrors: true });
  } catch (error) {
    throw new RulesError(`${file} is not valid YAML: ${(error as Error).message}`);
  }
}

function formatProblems(file: string, problems: PolicyProblem[]): string {
  return [`${file} has ${problems.length} problem(s):`, ...problems.map((p) => `  ${p.path}: ${p.message}`)].join('\n');
}

const FILE_TYPES = 'file-types.yaml';

/**
 * The policy with rules/file-types.yaml under `fileTypes` (the classes are data, like the category
 * lists: long, technical, rarely changed, and reviewed apart from the council's decisions).
 * No file: no classes, and a group that names one is told the class is unknown.
 */
function withFileTypes(files: RulesFiles, dir: string, raw: unknown): unknown {
  if (raw && typeof raw === 'object' && 'fileTypes' in raw) {
    throw new RulesError(`${joinPath(dir, 'policy.yaml')}: fileTypes: file-type classes belong in ${joinPath(dir, FILE_TYPES)}`);
  }
  const file = joinPath(dir, FILE_TYPES);
  if (files.read(file) === null || !raw || typeof raw !== 'object') return raw;
  return { ...raw, fileTypes: readYaml(files, file) };
}

/** Problems in the file where ICT must fix them: `fileTypes.…` paths are in file-types.yaml. */
function formatPolicyProblems(dir: string, problems: PolicyProblem[]): string {
  const inFileTypes = (p: PolicyProblem) => p.path === 'fileTypes' || p.path.startsWith('fileTypes.');
  const ofFileTypes = problems.filter(inFileTypes).map((p) => ({ ...p, path: p.path.replace(/^fileTypes\.?/, '') || '(root)' }));
  const ofPolicy = problems.filter((p) => !inFileTypes(p));
  return [
    ...(ofPolicy.length > 0 ? [formatProblems(joinPath(dir, 'policy.yaml'), ofPolicy)] : []),
    ...(ofFileTypes.length > 0 ? [formatProblems(joinPath(dir, FILE_TYPES), ofFileTypes)] : []),
  ].join('\n');
}

function formatListIssues(file: string, issues: ListIssue[]): string {
  return [`${file} has ${issues.length} problem(s):`, ...issues.map((i) => `  line ${i.line} "${i.host}": ${i.problem} (${i.detail})`)].join('\n');
}

/** Hosts of an imported list: not linted (foreign data), but every entry normalised; bad ones dropped. */
function readImportedList(files: RulesFiles, file: string): string[] {
  const { hosts } = parseHostList(files.read(file) ?? '');
  const out: string[] = [];
  for (const written of hosts) {
    const host = normalizeHost(written);
    if (host.ok) out.push(host.host);
  }
  return out;
}

/** The policy with each schedule's named bank-holiday lists (rules/holidays/<name>.yaml) replaced by their dates. */
function withHolidayFiles(files: RulesFiles, dir: string, raw: unknown): unknown {
  const schedules = (raw as { schedules?: unknown } | null)?.schedules;
  if (!schedules || typeof schedules !== 'object') return raw;
  const expanded = Object.fromEntries(Object.entries(schedules as Record<string, unknown>).map(([id, schedule]) => {
    const list = (schedule as { bankHolidays?: unknown } | null)?.bankHolidays;
    if (!Array.isArray(list)) return [id, schedule];
    const readFile = (name: string) => (/^[a-z][a-z0-9-]*$/.test(name) && files.read(joinPath(dir, 'holidays', `${name}.yaml`)) !== null ? readYaml(files, joinPath(dir, 'holidays', `${name}.yaml`)) : null);
    return [id, { ...(schedule as object), bankHolidays: expandBankHolidays(list, readFile, `schedules.${id}.bankHolidays`) }];
  }));
  return { ...(raw as object), schedules: expanded };
}

/** Read, validate and compile rules/: the policy, its category lists, and optional imported lists. */
export function loadRules(files: RulesFiles, dir: string, options: LoadOptions = {}): LoadedRules {
  const policyFile = joinPath(dir, 'policy.yaml');
  const raw = withFileTypes(files, dir, withHolidayFiles(files, dir, readYaml(files, policyFile)));
  const compiled = compilePolicy(raw);
  if (!compiled.ok) throw new RulesError(formatPolicyProblems(dir, compiled.problems));
  const release = (raw as { release: { serial: number; validDays?: number } }).release;

  const lists: Record<string, string[]> = {};
  const errors: string[] = [];
  for (const category of compiled.policy.categories) {
    const file = joinPath(dir, 'categories', `${compiled.listOf[category.id]}.txt`);
    const text = files.read(file);
    if (text === null) {
      errors.push(`${file} is missing (list of category "${category.id}")`);
      continue;
    }
    const issues = lintHostList(text);
    if (issues.length > 0) errors.push(formatListIssues(file, issues));
    lists[category.id] = parseHostList(text).hosts;
  }
  if (errors.length > 0) throw new RulesError(errors.join('\n'));

  const attribution: string[] = [];
  if (options.extraLists) {
    const names = files.list(options.extraLists);
    if (names === null) throw new RulesError(`no such folder: ${options.extraLists}`);
    const known = new Set(compiled.policy.categories.map((c) => c.id));
    for (const f of names.filter((n) => n.endsWith('.txt')).sort()) {
      const category = f.slice(0, -4);
      if (!known.has(category)) throw new RulesError(`${joinPath(options.extraLists, f)}: no category "${category}" in the policy`);
      lists[category] = [...(lists[category] ?? []), ...readImportedList(files, joinPath(options.extraLists, f))];
    }
    const notice = files.read(joinPath(options.extraLists, 'ATTRIBUTION'));
    if (notice !== null) attribution.push(notice.trim());
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
