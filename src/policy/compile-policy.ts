import { z } from 'zod';
import { MODES, SEVERITY, type ModeActions } from './actions.ts';
import { BASE_COMPILED_POLICY_VERSION, COMPILED_POLICY_VERSION, type CompiledGroup, type CompiledPolicy } from './compiled-schema.ts';
import { TextCollector } from './policy-text.ts';
import { PolicySource } from './source-schema.ts';
import { compileSchedule } from '../schedule/schema.ts';
import { normalizeHost } from '../match/host.ts';
import { compileDownloads } from './compile-downloads.ts';

/** A problem in rules/, with the path to the offending value (e.g. `groups.office.categories.gambling`). */
export type PolicyProblem = { path: string; message: string };

export type CompileResult =
  | { ok: true; policy: CompiledPolicy; listOf: Record<string, string>; warnings: PolicyProblem[] }
  | { ok: false; problems: PolicyProblem[] };

export function zodProblems(error: z.ZodError, prefix = ''): PolicyProblem[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)',
    message: issue.message,
  }));
}

const ALLOW_ALL: ModeActions = { work: 'allow', break: 'allow', personal: 'allow' };

function strictness(group: CompiledGroup): number {
  let score = 0;
  for (const actions of Object.values(group.actions)) for (const mode of MODES) score += SEVERITY[actions[mode]];
  return score;
}

/**
 * Validate the parsed YAML of rules/policy.yaml and resolve it into the compiled policy.
 * `listOf` maps each category id to the list file (without .txt) that holds its hosts.
 */
export function compilePolicy(raw: unknown): CompileResult {
  const parsed = PolicySource.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error) };
  const source = parsed.data;
  const problems: PolicyProblem[] = [];
  const warnings: PolicyProblem[] = [];
  const categoryIds = Object.keys(source.categories).sort();
  // Every text people read, in policy order: English where it always was, Welsh into one map.
  const texts = new TextCollector();
  const aup = { ...source.aup, title: texts.take('aup.title', source.aup.title), summary: texts.take('aup.summary', source.aup.summary) };
  const inadvertentAccess = texts.take('help.inadvertentAccess', source.help.inadvertentAccess);
  // Welsh councils have Welsh names, and their helpdesks too (Cyngor …, Desg Gymorth …).
  const council = { name: texts.take('council.name', source.council.name) };
  const helpdeskName = texts.take('help.helpdesk.name', source.help.helpdesk.name);
  const categoryTexts = Object.fromEntries(categoryIds.map((id) => {
    const c = source.categories[id]!;
    const at = `categories.${id}`;
    return [id, { title: texts.take(`${at}.title`, c.title), clause: texts.take(`${at}.clause`, c.clause), description: texts.take(`${at}.description`, c.description) ?? null }];
  }));
  for (const [id, schedule] of Object.entries(source.schedules)) {
    schedule.breaks.fixed.forEach((fixed, i) => texts.take(`schedules.${id}.breaks.fixed.${i}.label`, fixed.label));
  }

  const schedules: CompiledPolicy['schedules'] = {};
  for (const [id, schedule] of Object.entries(source.schedules)) {
    try {
      schedules[id] = compileSchedule(schedule);
    } catch (error) {
      problems.push({ path: `schedules.${id}`, message: (error as Error).message });
    }
  }

  const groups: CompiledGroup[] = [];
  for (const [id, group] of Object.entries(source.groups).sort(([a], [b]) => a.localeCompare(b))) {
    if (!(group.schedule in source.schedules)) {
      problems.push({ path: `groups.${id}.schedule`, message: `unknown schedule "${group.schedule}"` });
    }
    const actions: Record<string, ModeActions> = {};
    for (const [category, rule] of Object.entries(group.categories)) {
      const path = `groups.${id}.categories.${category}`;
      if (!(category in source.categories)) problems.push({ path, message: `unknown category "${category}"` });
      if (typeof rule === 'string') {
        const set = source.actionSets[rule];
        if (!set) problems.push({ path, message: `unknown action set "${rule}"` });
        else actions[category] = set;
      } else {
        actions[category] = rule;
      }
    }
    for (const category of categoryIds) {
      if (!(category in actions)) {
        warnings.push({ path: `groups.${id}.categories`, message: `category "${category}" is not named: it is allowed at all times` });
        actions[category] = ALLOW_ALL;
      }
    }
    const ordered = Object.fromEntries(categoryIds.filter((c) => c in actions).map((c) => [c, actions[c]!]));
    groups.push({
      id, title: texts.take(`groups.${id}.title`, group.title), description: texts.take(`groups.${id}.description`, group.description) ?? null,
      schedule: group.schedule, acceptance: group.acceptance, actions: ordered,
    });
  }

  const defaults = Object.entries(source.groups).filter(([, g]) => g.default);
  if (defaults.length !== 1) {
    problems.push({ path: 'groups', message: `exactly one group must have "default: true" (found ${defaults.length})` });
  }

  const exemptionIds = new Set<string>();
  const exemptions = source.exemptions.map((exemption, index) => {
    const path = `exemptions.${index}`;
    if (exemptionIds.has(exemption.id)) problems.push({ path: `${path}.id`, message: `duplicate exemption id "${exemption.id}"` });
    exemptionIds.add(exemption.id);
    for (const group of exemption.groups ?? []) {
      if (!(group in source.groups)) problems.push({ path: `${path}.groups`, message: `unknown group "${group}"` });
    }
    const hosts: string[] = [];
    exemption.hosts.forEach((written, i) => {
      const host = normalizeHost(written);
      if (!host.ok) problems.push({ path: `${path}.hosts.${i}`, message: `"${written}": ${host.error}` });
      else hosts.push(host.host);
    });
    return { id: exemption.id, reason: exemption.reason, hosts: [...new Set(hosts)].sort(), groups: exemption.groups ? [...exemption.groups].sort() : null };
  });

  // Downloads and safe search (format 2): their own module, their own problems.
  const { downloads, safeSearch } = compileDownloads(source, problems, texts);

  problems.push(...texts.conflicts);
  if (problems.length > 0) return { ok: false, problems };
  warnings.push(...texts.warnings());
  const translations = texts.translations();
  // Format 3 only when needed: a policy without its features still reaches format-2 extensions.
  const needsFormat3 = translations !== null || source.retention !== undefined;
  if (needsFormat3) {
    warnings.push({
      path: source.retention ? 'retention' : 'translations',
      message: `this policy needs compiled format ${COMPILED_POLICY_VERSION} (retention or Welsh texts): extensions that know only format ${BASE_COMPILED_POLICY_VERSION} refuse the bundle and keep enforcing the one they hold until they are updated`,
    });
  }

  const strictestGroup = [...groups].sort((a, b) => strictness(b) - strictness(a) || a.id.localeCompare(b.id))[0]!.id;
  const policy: CompiledPolicy = {
    version: needsFormat3 ? COMPILED_POLICY_VERSION : BASE_COMPILED_POLICY_VERSION,
    council,
    aup,
    help: {
      helpdesk: {
        name: helpdeskName,
        email: source.help.helpdesk.email ?? null,
        phone: source.help.helpdesk.phone ?? null,
        url: source.help.helpdesk.url ?? null,
      },
      inadvertentAccess,
    },
    reports: source.reports,
    categories: categoryIds.map((id) => ({ id, ...categoryTexts[id]!, sensitive: source.categories[id]!.sensitive })),
    schedules: Object.fromEntries(Object.entries(schedules).sort(([a], [b]) => a.localeCompare(b))),
    groups,
    defaultGroup: defaults[0]![0],
    strictestGroup,
    exemptions,
    downloads,
    safeSearch,
    ...(source.retention ? { retention: source.retention } : {}),
    ...(translations ? { translations } : {}),
  };
  const listOf = Object.fromEntries(categoryIds.map((id) => [id, source.categories[id]!.list ?? id]));
  return { ok: true, policy, listOf, warnings };
}
