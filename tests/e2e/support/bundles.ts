import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { buildBundle } from '../../../src/bundle/build-bundle.ts';
import { importSigningKey, type SigningKey } from '../../../src/bundle/signing.ts';
import { ZSTD_LEVEL, chunkCompressor } from '../../../src/cli/commands/build.ts';

/** What `aup build` compresses chunks with, for the benchmarks (scripts may not import src/cli). */
export { ZSTD_LEVEL, chunkCompressor };
import { loadRules } from '../../../src/rules/load-rules.ts';
import { disk } from '../../../src/cli/disk.ts';
import { ROOT } from './paths.ts';

export const DEV_PUBLIC_KEY = readFileSync(join(ROOT, 'tests/fixtures/keys/dev.public.txt'), 'utf8').trim();
export const E2E_GROUP = 'e2e';

export async function devSigningKey(): Promise<SigningKey> {
  return importSigningKey(JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/keys/dev.private.jwk.json'), 'utf8')));
}

/**
 * rules/ plus one group for end-to-end tests whose actions do not depend on the time of day:
 * gambling always blocked, streaming always warned, social media always allowed with a banner.
 * Every group is `acceptance: not-required` here, so the suites that test something else are not
 * sent to the welcome page (the acceptance suite asks for it on the e2e group: `requireAcceptance`).
 * The built-in policy (no bundle yet) still requires it, as rules/ says: see `acceptBuiltInAup`.
 */
export function e2eRules(dir: string, extraHosts: Record<string, string[]> = {}): string {
  cpSync(join(ROOT, 'rules'), dir, { recursive: true });
  const policy = parse(readFileSync(join(dir, 'policy.yaml'), 'utf8'));
  const office = policy.groups.office;
  policy.groups[E2E_GROUP] = {
    title: 'End-to-end tests',
    schedule: 'office',
    categories: {
      ...office.categories,
      streaming: { work: 'warn', break: 'warn', personal: 'warn' },
      'social-media': { work: 'allow-banner', break: 'allow-banner', personal: 'allow-banner' },
    },
  };
  // An ICT chat service on a .test name (real Microsoft hosts are HSTS-preloaded: https only).
  policy.exemptions.push({ id: 'e2e-ict-chat', reason: 'ICT-provided chat (test)', hosts: ['chat.council-ict.test'] });
  for (const group of Object.values(policy.groups) as Array<{ acceptance?: string }>) group.acceptance = 'not-required';
  // A software portal ICT trusts (downloads suite): its files are never stopped.
  policy.approvedDownloadSources = [...(policy.approvedDownloadSources ?? []), { host: 'software-portal.test', reason: 'ICT software portal (test)' }];
  writeFileSync(join(dir, 'policy.yaml'), stringify(policy));
  extraHosts = {
    ...extraHosts,
    'instant-messaging': [...(extraHosts['instant-messaging'] ?? []), 'council-ict.test'],
    // Real social sites are HSTS-preloaded (https only); the test server speaks http.
    'social-media': [...(extraHosts['social-media'] ?? []), 'social-site.test'],
  };
  for (const [category, hosts] of Object.entries(extraHosts)) {
    const file = join(dir, 'categories', `${category}.txt`);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const comments = lines.filter((l) => l.startsWith('#'));
    const all = [...new Set([...lines.filter((l) => l && !l.startsWith('#')), ...hosts])].sort();
    writeFileSync(file, [...comments, ...all].join('\n') + '\n');
  }
  return dir;
}

/**
 * The e2e group changed so that every page and state can be reached at once, without waiting for
 * the clock (the Welsh suite, `npm run screenshots`): acceptance required, self-declared breaks at
 * any hour (rules/' `shifts` schedule), social media open only in a break (with the banner).
 */
export function everyPageRules(rulesDir: string): string {
  const file = join(rulesDir, 'policy.yaml');
  const policy = parse(readFileSync(file, 'utf8'));
  const group = policy.groups[E2E_GROUP];
  group.acceptance = 'required';
  group.schedule = 'shifts';
  group.categories['social-media'] = { work: 'block', break: 'allow-banner', personal: 'allow-banner' };
  writeFileSync(file, stringify(policy));
  return rulesDir;
}

export type BundleOptions = {
  serial: number;
  issuedAt?: Date;
  validDays?: number;
  lists?: Record<string, string[]>;
  key?: SigningKey;
  /**
   * zstd level of the chunks. Tests use a fast one (the device's decoder is the same at every
   * level, and `aup build`'s 19 costs ~25 s per million-host bundle: minutes of CI); the
   * benchmarks pass `ZSTD_LEVEL`, so they measure the chunks ICT ships.
   */
  zstdLevel?: number;
};

/** A fast zstd level for test bundles (see BundleOptions.zstdLevel). */
const TEST_ZSTD_LEVEL = 3;

/** Build a signed bundle from a rules folder into `out`. */
export async function writeBundle(rulesDir: string, out: string, options: BundleOptions): Promise<void> {
  const rules = loadRules(disk, rulesDir);
  const lists = { ...rules.lists, ...options.lists };
  const built = await buildBundle({
    policy: rules.policy,
    lists,
    serial: options.serial,
    issuedAt: options.issuedAt ?? new Date(Date.now() - 3_600_000),
    validDays: options.validDays ?? 30,
    attribution: [],
    key: options.key ?? (await devSigningKey()),
    compressChunk: await chunkCompressor('zstd', options.zstdLevel ?? TEST_ZSTD_LEVEL),
  });
  for (const [path, bytes] of built.files) {
    mkdirSync(join(out, path, '..'), { recursive: true });
    writeFileSync(join(out, path), bytes);
  }
}
