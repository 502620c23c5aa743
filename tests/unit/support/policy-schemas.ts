import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * The browsers' own policy schemas (Firefox policies-schema.json, Chromium's policy YAML), kept
 * outside the repository in `shared/data/policy-schemas/` beside it (CI), or at /work/shared for
 * a worktree that is not beside it. Absent on a developer's machine: the tests that need them
 * are skipped there, never in CI.
 */
const ROOT = join(import.meta.dirname, '../../..');
const CANDIDATES = [join(ROOT, '..', 'shared', 'data', 'policy-schemas'), '/work/shared/data/policy-schemas'];

export const POLICY_SCHEMAS: string | null = CANDIDATES.find((dir) => existsSync(join(dir, 'firefox/policies-schema.json'))) ?? null;
export const MISSING_SCHEMAS = `upstream policy schemas not found (looked in ${CANDIDATES.join(' and ')}): template validation against them is skipped outside CI`;

export function firefoxSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(POLICY_SCHEMAS!, 'firefox/policies-schema.json'), 'utf8')) as Record<string, unknown>;
}

export type ChromiumDefinition = { schema: Record<string, unknown>; supported_on?: string[]; deprecated?: boolean };

/** A Chromium policy's YAML definition, or null when the folder has none for it. */
export function chromiumDefinition(name: string): ChromiumDefinition | null {
  const file = join(POLICY_SCHEMAS!, 'chromium', `${name}.yaml`);
  return existsSync(file) ? (parse(readFileSync(file, 'utf8')) as ChromiumDefinition) : null;
}
