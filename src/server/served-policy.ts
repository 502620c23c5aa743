import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fromBase64, fromUtf8 } from '../bundle/bytes.ts';
import { Envelope, MANIFEST_FILE, SignedManifest } from '../bundle/manifest.ts';
import type { CompiledPolicy } from '../policy/compiled-schema.ts';

/**
 * The policy inside the bundle this server serves: it says which categories are sensitive,
 * where the helpdesk is, and (serial, validity) what the fleet page measures devices against. Read from ICT's own build output, so the signature is not checked
 * here (devices check it); the shape is. Re-read when the manifest file changes.
 */
export type PolicyFacts = {
  serial: number | null;
  /** How long the served bundle is valid (expiresAt − issuedAt: the build's validDays); the fleet page's "behind". */
  validityMs: number | null;
  helpdeskEmail: string | null;
  categoryTitle(id: string): string;
  /** A file-type class's title (rules/file-types.yaml): a software request's category. */
  fileTypeTitle(id: string): string;
  /** Unknown categories, and every category when no policy could be read, count as sensitive: the safe side. */
  isSensitive(id: string): boolean;
  /** The served policy's `aup.version`: the version the acceptances page asks about (absent: the newest received). */
  aupVersion?: string | null;
  /** Groups whose people need not accept the AUP (`acceptance: not-required`): not listed as "not accepted". */
  acceptanceNotRequired?: readonly string[];
};

export const NO_POLICY: PolicyFacts = { serial: null, validityMs: null, helpdeskEmail: null, categoryTitle: () => '', fileTypeTitle: () => '', isSensitive: () => true, aupVersion: null, acceptanceNotRequired: [] };

export function factsOf(policy: CompiledPolicy, serial: number, validityMs: number | null = null): PolicyFacts {
  const categories = new Map(policy.categories.map((c) => [c.id, c]));
  return {
    serial,
    validityMs,
    helpdeskEmail: policy.help.helpdesk.email,
    categoryTitle: (id) => categories.get(id)?.title ?? '',
    fileTypeTitle: (id) => policy.downloads.fileTypes.find((f) => f.id === id)?.title ?? '',
    isSensitive: (id) => categories.get(id)?.sensitive ?? true,
    aupVersion: policy.aup.version,
    acceptanceNotRequired: policy.groups.filter((g) => g.acceptance === 'not-required').map((g) => g.id),
  };
}

export function readManifestPolicy(bytes: Uint8Array): { policy: CompiledPolicy; serial: number; validityMs: number } {
  const envelope = Envelope.parse(JSON.parse(fromUtf8(bytes)));
  const manifest = SignedManifest.parse(JSON.parse(fromUtf8(fromBase64(envelope.payload))));
  return { policy: manifest.policy, serial: manifest.serial, validityMs: Date.parse(manifest.expiresAt) - Date.parse(manifest.issuedAt) };
}

/** Facts from `<folder>/manifest.json`, cached until the file's size or time changes. */
export function policyFromFolder(folder: string | null, warn: (message: string) => void): () => PolicyFacts {
  let seen = '';
  let facts = NO_POLICY;
  return () => {
    if (!folder) return NO_POLICY;
    const file = join(folder, MANIFEST_FILE);
    let stamp: string;
    try {
      const s = statSync(file);
      stamp = `${s.size}:${s.mtimeMs}`;
    } catch {
      stamp = 'missing';
    }
    if (stamp === seen) return facts;
    seen = stamp;
    try {
      const { policy, serial, validityMs } = readManifestPolicy(readFileSync(file));
      facts = factsOf(policy, serial, validityMs);
    } catch (error) {
      facts = NO_POLICY;
      warn(`cannot read the policy in ${file} (${(error as Error).message}): every category is treated as sensitive and no helpdesk address is known`);
    }
    return facts;
  };
}
