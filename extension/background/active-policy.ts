import embedded from 'virtual:aup-embedded';
import { buildMatcher, indexPolicy, type PolicyIndex } from '../../src/decide/policy-index.ts';
import { ChunkedMatcher } from '../../src/decide/chunked-matcher.ts';
import type { CompiledPolicy } from '../../src/policy/compiled-schema.ts';
import type { SignedManifest } from '../../src/policy/manifest.ts';
import { decodeHostList, inflateRaw } from '../../src/match/host-list.ts';
import { HostMatcher } from '../../src/match/matcher.ts';
import { getBlob } from '../platform/blob-store.ts';
import { readPolicyState } from './policy-state.ts';

/**
 * The policy being enforced, ready for decisions: the last-known-good bundle when there is one,
 * else the baseline compiled into the extension from rules/. Loaded lazily and kept in memory
 * while the worker lives; every wake re-derives it from storage.
 */
export type ActivePolicy = {
  source: 'bundle' | 'baseline';
  policy: CompiledPolicy;
  manifest: SignedManifest | null;
  index: PolicyIndex;
  /** Identifies each category list's content (chunk SHA-256, or "baseline"). */
  listVersions: Record<string, string>;
  /** Hosts per category list (decides where its rules live; see src/dnr/compile-rules.ts). */
  listCounts: Record<string, number>;
  hostsOf(category: string): Promise<string[]>;
};

export const CHUNK_KEY = (sha256: string) => `chunk:${sha256}`;
export const CHUNK_MATCHER_KEY = (sha256: string) => `chunk-matcher:${sha256}`;

/** A chunk's own matcher: category 0 here; ChunkedMatcher maps it to the policy's category. */
export function chunkMatcher(hosts: readonly string[]): HostMatcher {
  return HostMatcher.build(hosts.map((host) => ({ host, category: 0 })));
}

let cached: Promise<ActivePolicy> | null = null;

function baseline(): ActivePolicy {
  const lists = embedded.lists;
  return {
    source: 'baseline',
    policy: embedded.policy,
    manifest: null,
    index: indexPolicy(embedded.policy, buildMatcher(embedded.policy, lists)),
    listVersions: Object.fromEntries(embedded.policy.categories.map((c) => [c.id, `baseline-${(lists[c.id] ?? []).length}`])),
    listCounts: Object.fromEntries(embedded.policy.categories.map((c) => [c.id, (lists[c.id] ?? []).length])),
    hostsOf: async (category) => lists[category] ?? [],
  };
}

/**
 * Hosts a sync has just verified and decoded, by chunk hash, for the enforce that follows it
 * (decoding a million hosts twice cost ~0.4 s, measured). Dropped once that enforce is done.
 */
const justDecoded = new Map<string, string[]>();

export function rememberDecoded(hostsBySha: ReadonlyMap<string, string[]>): void {
  for (const [sha, hosts] of hostsBySha) justDecoded.set(sha, hosts);
}

export function forgetDecoded(): void {
  justDecoded.clear();
}

export async function hostsOfChunk(manifest: SignedManifest, category: string): Promise<string[]> {
  const ref = manifest.chunks.find((c) => c.category === category);
  if (!ref) return [];
  const decoded = justDecoded.get(ref.sha256);
  if (decoded) return decoded;
  const bytes = await getBlob(CHUNK_KEY(ref.sha256));
  if (!bytes) throw new Error(`chunk of ${category} is missing from storage`);
  return decodeHostList(await inflateRaw(bytes, ref.rawSize));
}

async function load(): Promise<ActivePolicy> {
  const state = await readPolicyState();
  const manifest = state.manifest;
  if (!manifest) return baseline();
  const parts = await Promise.all(
    manifest.chunks.map(async (ref) => {
      const category = manifest.policy.categories.findIndex((c) => c.id === ref.category);
      const binary = await getBlob(CHUNK_MATCHER_KEY(ref.sha256));
      // A matcher lost from storage is rebuilt from its chunk rather than trusted to be absent.
      const matcher = binary ? HostMatcher.fromBinary(binary) : chunkMatcher(await hostsOfChunk(manifest, ref.category));
      return { category, matcher };
    }),
  );
  return {
    source: 'bundle',
    policy: manifest.policy,
    manifest,
    index: indexPolicy(manifest.policy, new ChunkedMatcher(parts)),
    listVersions: Object.fromEntries(manifest.chunks.map((c) => [c.category, c.sha256])),
    listCounts: Object.fromEntries(manifest.chunks.map((c) => [c.category, c.count])),
    hostsOf: (category) => hostsOfChunk(manifest, category),
  };
}

export function activePolicy(): Promise<ActivePolicy> {
  cached ??= load().catch((error) => {
    // Corrupt storage must not leave the device unprotected: fall back to the baseline.
    console.error('AUP Guard: stored policy unusable, enforcing the baseline', error);
    return baseline();
  });
  return cached;
}

/** After a sync stored a new bundle. */
export function forgetActivePolicy(): void {
  cached = null;
}
