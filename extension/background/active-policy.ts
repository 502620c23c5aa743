import embedded from 'virtual:aup-embedded';
import { buildMatcher, indexPolicy, type PolicyIndex } from '../../src/decide/policy-index.ts';
import { ChunkedMatcher } from '../../src/decide/chunked-matcher.ts';
import type { CompiledPolicy } from '../../src/policy/compiled-schema.ts';
import type { SignedManifest } from '../../src/bundle/manifest.ts';
import { decodeHostList } from '../../src/match/host-list.ts';
import { decompressChunk } from '../../src/bundle/chunk-coding.ts';
import { HostMatcher } from '../../src/match/matcher.ts';
import type { PagedHostMatcher } from '../../src/match/paged-matcher.ts';
import { putBlobs } from '../platform/blob-store.ts';
import { readPolicyState } from './policy-state.ts';
import { phase, startPhase } from './phases.ts';
import { reportFailure } from './internal-errors.ts';
import { chunkBlobs, chunkMatcherBlobs } from './records.ts';

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

/**
 * What the browser's rules are made from: the active policy without its matchers. Cheap to read
 * (the stored manifest, hosts lent by the sync or read from their chunk), so enforce.ts applies
 * a new bundle's rules before anything builds the matchers the guard and the tab sweep need.
 */
export type PolicyOutline = Omit<ActivePolicy, 'index'>;

/** A chunk's own matcher: category 0 here; ChunkedMatcher maps it to the policy's category. */
export function chunkMatcher(hosts: readonly string[]): HostMatcher {
  return HostMatcher.build(hosts.map((host) => ({ host, category: 0 })));
}

let cached: Promise<Loaded> | null = null;
/** `cached` once it has loaded. */
let loaded: ActivePolicy | null = null;

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
  // Read only if its bytes still hash to ref.sha256; a damaged chunk counts as missing.
  const bytes = await chunkBlobs.read(ref.sha256);
  if (!bytes) throw new Error(`chunk of ${category} is missing from storage`);
  return decodeHostList(await decompressChunk(bytes, ref.coding, ref.rawSize));
}

/**
 * A chunk's stored matcher; one that is missing or unreadable (lost or corrupt: reported by the
 * blob record; or written in an earlier matcher format before an update: not reported) is
 * rebuilt from the chunk and stored again, never treated as empty. A large one comes paged (its
 * header and offsets read, the rest on demand: src/match/paged-matcher.ts).
 */
async function storedChunkMatcher(manifest: SignedManifest, sha256: string, category: string): Promise<HostMatcher | PagedHostMatcher> {
  const stored = await phase(`read matcher ${category}`, () => chunkMatcherBlobs.read(sha256));
  return stored ?? rebuiltChunkMatcher(manifest, sha256, category);
}

async function rebuiltChunkMatcher(manifest: SignedManifest, sha256: string, category: string): Promise<HostMatcher> {
  const hosts = await hostsOfChunk(manifest, category);
  const matcher = await phase(`build matcher ${category}`, () => chunkMatcher(hosts));
  // Storing it only saves the next start this rebuild: a failed write is reported, and the
  // matcher in memory is used all the same (the rules are already in force by now).
  await phase(`store matcher ${category}`, () => putBlobs([chunkMatcherBlobs.entry(sha256, matcher)])).catch(reportFailure(`storing the guard's matcher of ${category}`));
  return matcher;
}

/** A paged matcher's whole table; one that cannot be read whole after all is rebuilt from its chunk. */
async function wholeChunkMatcher(manifest: SignedManifest, sha256: string, category: string, paged: PagedHostMatcher): Promise<HostMatcher> {
  try {
    return await phase(`load matcher ${category}`, () => paged.loadAll());
  } catch (error) {
    reportFailure(`reading the guard's matcher of ${category}`)(error);
    return rebuiltChunkMatcher(manifest, sha256, category);
  }
}

function outlineOf(manifest: SignedManifest): PolicyOutline {
  return {
    source: 'bundle',
    policy: manifest.policy,
    manifest,
    listVersions: Object.fromEntries(manifest.chunks.map((c) => [c.category, c.sha256])),
    listCounts: Object.fromEntries(manifest.chunks.map((c) => [c.category, c.count])),
    hostsOf: (category) => hostsOfChunk(manifest, category),
  };
}

/**
 * The active policy twice: `early` as soon as every stored matcher is open (a large one paged:
 * the guard's first answers prepare the host first, guard.ts), and `whole` once every matcher is
 * in memory, which is what everything else decides with.
 */
type Loaded = { early: ActivePolicy; whole: Promise<ActivePolicy> };

async function load(): Promise<Loaded> {
  const state = await startPhase('read policy state', readPolicyState);
  const manifest = state.manifest;
  if (!manifest) {
    const policy = baseline();
    return { early: policy, whole: Promise.resolve(policy) };
  }
  const parts = await startPhase('read matchers', () =>
    Promise.all(
      manifest.chunks.map(async (ref) => {
        const category = manifest.policy.categories.findIndex((c) => c.id === ref.category);
        return { category, ref, matcher: await storedChunkMatcher(manifest, ref.sha256, ref.category) };
      }),
    ),
  );
  const outline = outlineOf(manifest);
  const early = { ...outline, index: indexPolicy(manifest.policy, new ChunkedMatcher(parts)) };
  if (parts.every((p) => p.matcher instanceof HostMatcher)) return { early, whole: Promise.resolve(early) };
  const whole = startPhase('load matchers whole', () =>
    Promise.all(
      parts.map(async ({ category, ref, matcher }) => ({
        category,
        matcher: matcher instanceof HostMatcher ? matcher : (matcher.whole ?? (await wholeChunkMatcher(manifest, ref.sha256, ref.category, matcher))),
      })),
    ),
  ).then((all) => ({ ...outline, index: indexPolicy(manifest.policy, new ChunkedMatcher(all)) }));
  return { early, whole };
}

/**
 * The active policy's outline: the cached active policy when it is loaded, else the stored
 * manifest (or the baseline) without building or reading any matcher. A stored state that cannot
 * be read falls back to the baseline, as `activePolicy` does.
 */
export async function policyOutline(): Promise<PolicyOutline> {
  // Never waits for a load in progress: that may be building a million-host matcher.
  if (loaded) return loaded;
  try {
    const { manifest } = await readPolicyState();
    return manifest ? outlineOf(manifest) : baseline();
  } catch (error) {
    console.error('AUP Guard: stored policy unusable, enforcing the baseline', error);
    return baseline();
  }
}

/** Corrupt storage must not leave the device unprotected: the baseline, said aloud. */
function baselineAfter(error: unknown): ActivePolicy {
  console.error('AUP Guard: stored policy unusable, enforcing the baseline', error);
  return baseline();
}

function loading(): Promise<Loaded> {
  if (cached) return cached;
  const started: Promise<Loaded> = load()
    .catch((error: unknown) => {
      const policy = baselineAfter(error);
      return { early: policy, whole: Promise.resolve(policy) };
    })
    .then(({ early, whole }) => {
      const result: Loaded = {
        early,
        whole: whole.catch(baselineAfter).then((policy) => {
          if (cached === started) loaded = policy;
          // The early copy (its paged matchers) is not needed once the whole one is here.
          result.early = policy;
          return policy;
        }),
      };
      return result;
    });
  cached = started;
  return started;
}

/** The active policy with every matcher in memory. */
export function activePolicy(): Promise<ActivePolicy> {
  return loading().then((l) => l.whole);
}

/**
 * The active policy as soon as its stored matchers are open: a large one may still be paged, so
 * every lookup must be prepared first (src/decide/decide.ts, `prepareDecision`). Only the guard
 * uses it, to answer the first requests after a start before the whole tables are read.
 */
export function earlyPolicy(): Promise<ActivePolicy> {
  return loading().then((l) => l.early);
}

/** After a sync stored a new bundle. */
export function forgetActivePolicy(): void {
  cached = null;
  loaded = null;
}
