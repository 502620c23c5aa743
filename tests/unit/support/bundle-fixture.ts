import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildBundle, type BuiltBundle } from '../../../src/bundle/build-bundle.ts';
import { importSigningKey, importTrustedKeys, generateSigningKey, type TrustedKey } from '../../../src/bundle/signing.ts';
import type { Fetcher } from '../../../src/bundle/bundle-reader.ts';
import { chunkCompressor } from '../../../src/cli/commands/build.ts';
import { loadRules, type LoadedRules } from '../../../src/rules/load-rules.ts';
import { disk } from '../../../src/cli/disk.ts';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const DEV_PRIVATE = resolve(ROOT, 'tests/fixtures/keys/dev.private.jwk.json');
export const DEV_PUBLIC = readFileSync(resolve(ROOT, 'tests/fixtures/keys/dev.public.txt'), 'utf8').trim();
export const ISSUED = new Date('2026-11-01T00:00:00Z');
export const IN_VALIDITY = Date.parse('2026-11-15T00:00:00Z');

let rules: LoadedRules | null = null;
export function repoRules(): LoadedRules {
  rules ??= loadRules(disk, resolve(ROOT, 'rules'));
  return rules;
}

export async function devKey() {
  return importSigningKey(JSON.parse(readFileSync(DEV_PRIVATE, 'utf8')));
}

export async function trustedDev(): Promise<TrustedKey[]> {
  return importTrustedKeys([DEV_PUBLIC]);
}

export async function otherKey() {
  const { jwk } = await generateSigningKey();
  return importSigningKey(jwk);
}

export async function buildRepoBundle(overrides: Partial<Parameters<typeof buildBundle>[0]> = {}): Promise<BuiltBundle> {
  const r = repoRules();
  return buildBundle({
    policy: r.policy, lists: r.lists, serial: 5, issuedAt: ISSUED, validDays: 30, attribution: [],
    key: await devKey(), compressChunk: await chunkCompressor(), ...overrides,
  });
}

/** A fetcher over an in-memory bundle, honouring the byte cap like the real ones. */
export function memoryFetcher(files: Map<string, Uint8Array>): Fetcher {
  return async (path, maxBytes) => {
    const bytes = files.get(path);
    if (!bytes) throw new Error(`404 ${path}`);
    if (bytes.length > maxBytes) throw new RangeError(`more than ${maxBytes} bytes`);
    return bytes;
  };
}
