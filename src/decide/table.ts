import type { Action, Mode } from '../policy/actions.ts';
import type { CompiledCategory, CompiledExemption, CompiledGroup, CompiledPolicy } from '../policy/compiled-schema.ts';
import { ALL_RESOURCE_TYPES, DOCUMENT_TYPES, type ResourceType } from './resource-types.ts';

/**
 * THE precedence of AUP Guard, written once. `decide()` (guard, banner, `aup explain`/`aup test`)
 * walks these rows; the DNR compiler turns the same rows into browser rules. A differential
 * property test (src/dnr/dnr-agrees-with-decide.test.ts) checks that both reach the same outcome.
 *
 * Highest priority wins. An exemption beats everything (ICT's own chat stays usable); a block
 * beats a "continue" granted on a warn page (a host also in a blocked category stays blocked),
 * which beats the warning itself; banner and plain allow rows only say why a request passes.
 * The AUP acceptance gate (not a row: it covers every host) sits between block and continue.
 * The numbers are the DNR priorities the browser sees.
 */
export const PRIORITY = {
  exemption: 900,
  block: 300,
  /** Not yet accepted the AUP: top-level pages go to the welcome page (src/decide/acceptance.ts). */
  acceptanceGate: 275,
  continue: 250,
  warn: 200,
  banner: 100,
  allow: 1,
} as const;

/** A warn-page "Continue": this host (and its subdomains) in this tab. */
export type Grant = { tabId: number; host: string };

type RowBase = { priority: number; resourceTypes: readonly ResourceType[] };
export type ExemptionRow = RowBase & { kind: 'exemption'; action: 'allow'; exemption: CompiledExemption; index: number };
export type ContinueRow = RowBase & { kind: 'continue'; action: 'allow'; grant: Grant };
export type CategoryRow = RowBase & { kind: 'category'; action: Action; category: CompiledCategory; index: number };
export type TableRow = ExemptionRow | ContinueRow | CategoryRow;

const CATEGORY_PRIORITY: Record<Action, number> = { block: PRIORITY.block, warn: PRIORITY.warn, 'allow-banner': PRIORITY.banner, allow: PRIORITY.allow };
const CATEGORY_TYPES: Record<Action, readonly ResourceType[]> = {
  block: ALL_RESOURCE_TYPES, // nothing reaches a blocked host
  warn: DOCUMENT_TYPES,
  'allow-banner': ALL_RESOURCE_TYPES,
  allow: ALL_RESOURCE_TYPES,
};

/** The action `group` takes on `category` in `mode` (a category the group does not name is allowed). */
export function actionFor(group: CompiledGroup, categoryId: string, mode: Mode): Action {
  return group.actions[categoryId]?.[mode] ?? 'allow';
}

export function continueRow(grant: Grant): ContinueRow {
  return { kind: 'continue', action: 'allow', priority: PRIORITY.continue, resourceTypes: ALL_RESOURCE_TYPES, grant };
}

function byPriority(a: TableRow, b: TableRow): number {
  return b.priority - a.priority || rowOrder(a) - rowOrder(b);
}

/** Among rows of equal priority: exemptions and categories in policy order (grants first). */
export function rowOrder(row: TableRow): number {
  return row.kind === 'continue' ? 0 : row.index;
}

/** The rows for `group` in `mode`, highest priority first (grants are added per request: see withGrants). */
export function decisionTable(policy: CompiledPolicy, group: CompiledGroup, mode: Mode): TableRow[] {
  const rows: TableRow[] = [];
  policy.exemptions
    .filter((e) => e.groups === null || e.groups.includes(group.id))
    .forEach((exemption, index) => rows.push({ kind: 'exemption', action: 'allow', priority: PRIORITY.exemption, resourceTypes: ALL_RESOURCE_TYPES, exemption, index }));
  policy.categories.forEach((category, index) => {
    const action = actionFor(group, category.id, mode);
    rows.push({ kind: 'category', action, priority: CATEGORY_PRIORITY[action], resourceTypes: CATEGORY_TYPES[action], category, index });
  });
  return rows.sort(byPriority);
}

/** The table plus a tab's "Continue" grants, in their place. */
export function withGrants(rows: readonly TableRow[], grants: readonly Grant[]): readonly TableRow[] {
  return grants.length === 0 ? rows : [...rows, ...grants.map(continueRow)].sort(byPriority);
}

/** The categories whose row in `rows` has `action` (e.g. where the banner is registered). */
export function categoriesWith(rows: readonly TableRow[], action: Action): string[] {
  return rows.flatMap((r) => (r.kind === 'category' && r.action === action ? [r.category.id] : [])).sort();
}
