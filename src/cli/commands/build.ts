import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deflateRawSync, constants } from 'node:zlib';
import { init as initZstd, compress as zstdCompress } from '@bokuweb/zstd-wasm';
import { buildBundle, type BuildBundleInput } from '../../bundle/build-bundle.ts';
import { CHUNK_CODINGS, unzstd, type ChunkCoding } from '../../bundle/chunk-coding.ts';
import { importSigningKey } from '../../bundle/signing.ts';
import { CliError, UsageError } from '../errors.ts';
import { loadRules } from '../../rules/load-rules.ts';
import { disk } from '../disk.ts';

export type BuildArgs = {
  rulesDir: string;
  out: string;
  keyFile: string;
  serial: number | undefined;
  issuedAt: string | undefined;
  validDays: number | undefined;
  extraLists: string | undefined;
  /** `zstd` (default) or `deflate-raw` for devices whose extension predates zstd. */
  chunkCoding: string | undefined;
  json: boolean;
};

export function deflateRaw(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(deflateRawSync(bytes, { level: 9, memLevel: 9, strategy: constants.Z_DEFAULT_STRATEGY }));
}

/**
 * zstd level 19: on the UT1 lists levels 19 and 22 give the same bytes per host (3.88), and 19
 * is quicker to build. The frame records its content size, and the encoder is deterministic for
 * a given version (pinned in package.json), so builds stay reproducible.
 */
export const ZSTD_LEVEL = 19;

export type ChunkCompressor = BuildBundleInput['compressChunk'];

/**
 * The encoder's WebAssembly, loaded once per process: loading it again leaves the encoder making
 * frames that do not decode (measured with @bokuweb/zstd-wasm 0.0.27: a second bundle built in
 * the same process had 14 of 18 chunks undecodable).
 */
let zstdLoaded: Promise<void> | null = null;

/**
 * The chunk compressor for `coding` (chunk-coding.ts). `level` is for tests only: the decoder is
 * the same at every level, and level 19 spends ~25 s on a million-host test bundle.
 */
export async function chunkCompressor(coding: ChunkCoding = 'zstd', level = ZSTD_LEVEL): Promise<ChunkCompressor> {
  if (coding === 'deflate-raw') return (raw) => ({ coding, bytes: deflateRaw(raw) });
  zstdLoaded ??= initZstd();
  await zstdLoaded;
  return (raw) => {
    const bytes = new Uint8Array(zstdCompress(raw, level));
    // Every chunk is decoded as a device will before it is signed: an encoder fault must stop
    // the build here, not reach every device as a bundle they refuse (the bug above did that).
    let back: Uint8Array | null;
    try {
      back = unzstd(bytes, raw.length);
    } catch {
      back = null;
    }
    if (back === null || !Buffer.from(back).equals(Buffer.from(raw))) throw new CliError('the zstd encoder made a chunk that does not decode to its list; nothing was written (try --chunk-coding deflate-raw, and report this)');
    return { coding, bytes };
  };
}

export function chunkCodingOf(flag: string | undefined): ChunkCoding {
  if (flag === undefined) return 'zstd';
  if ((CHUNK_CODINGS as readonly string[]).includes(flag)) return flag as ChunkCoding;
  throw new UsageError(`--chunk-coding: one of ${CHUNK_CODINGS.join(', ')} (got "${flag}")`);
}

/**
 * When the bundle says it was issued. Builds must be reproducible, so this never defaults to
 * "now": an explicit --issued-at, else SOURCE_DATE_EPOCH, else the start of today (UTC).
 */
export function issuedAtOf(flag: string | undefined, env = process.env.SOURCE_DATE_EPOCH): Date {
  if (flag) {
    const t = Date.parse(flag);
    if (Number.isNaN(t)) throw new UsageError(`--issued-at: not an ISO date and time: "${flag}"`);
    return new Date(t);
  }
  if (env) return new Date(Number(env) * 1000);
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export async function readSigningKey(file: string) {
  let jwk: JsonWebKey;
  try {
    jwk = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new CliError(`cannot read the signing key ${file} (make one with: aup keygen --out DIR)`);
  }
  try {
    return await importSigningKey(jwk);
  } catch (error) {
    throw new CliError(`${file}: ${(error as Error).message}`);
  }
}

/** `aup build --key FILE --out DIR`: compile rules/ and write a signed, content-addressed bundle. */
export async function build(args: BuildArgs): Promise<void> {
  const rules = loadRules(disk, args.rulesDir, { extraLists: args.extraLists });
  const key = await readSigningKey(args.keyFile);
  const compressChunk = await chunkCompressor(chunkCodingOf(args.chunkCoding));
  const bundle = await buildBundle({
    policy: rules.policy,
    lists: rules.lists,
    serial: args.serial ?? rules.serial,
    issuedAt: issuedAtOf(args.issuedAt),
    validDays: args.validDays ?? rules.validDays,
    attribution: rules.attribution,
    key,
    compressChunk,
  });
  rmSync(join(args.out, 'chunks'), { recursive: true, force: true });
  for (const [path, bytes] of bundle.files) {
    mkdirSync(dirname(join(args.out, path)), { recursive: true });
    writeFileSync(join(args.out, path), bytes);
  }
  const m = bundle.manifest;
  const hosts = m.chunks.reduce((n, c) => n + c.count, 0);
  const bytes = [...bundle.files.values()].reduce((n, b) => n + b.length, 0);
  if (args.json) {
    console.log(JSON.stringify({ out: args.out, serial: m.serial, keyId: m.keyId, issuedAt: m.issuedAt, expiresAt: m.expiresAt, hosts, bytes, chunks: m.chunks }));
    return;
  }
  console.log(`✔ Bundle serial ${m.serial} signed by ${m.keyId}, issued ${m.issuedAt}, expires ${m.expiresAt}`);
  console.log(`  ${m.chunks.length} chunks, ${hosts} hosts, ${bytes} bytes → ${args.out}`);
}
