import { sha256Hex, toBase64, utf8 } from './bytes.ts';
import type { CompiledPolicy } from '../policy/compiled-schema.ts';
import { MANIFEST_FORMAT_VERSION, PAYLOAD_TYPE, chunkPath, type ChunkRef, type Envelope, type SignedManifest } from './manifest.ts';
import { sign, type SigningKey } from './signing.ts';
import { encodeHostList } from '../match/host-list.ts';
import type { ChunkCoding } from './chunk-coding.ts';

export type BuildBundleInput = {
  policy: CompiledPolicy;
  /** Category id → normalised hosts. */
  lists: Record<string, readonly string[]>;
  serial: number;
  issuedAt: Date;
  validDays: number;
  attribution: string[];
  key: SigningKey;
  /**
   * Compresses a chunk and says how (chunk-coding.ts): zstd, or raw deflate for older devices.
   * Injected so the core stays free of Node's zlib and of the zstd encoder's WebAssembly.
   */
  compressChunk: (raw: Uint8Array) => { coding: ChunkCoding; bytes: Uint8Array };
};

export type BuiltBundle = {
  manifest: SignedManifest;
  /** Relative path → bytes: `manifest.json` and `chunks/<sha256>.bin`. */
  files: Map<string, Uint8Array>;
};

const DAY = 86_400_000;

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Deterministic: the same input gives byte-identical files (Ed25519 signatures are
 * deterministic, JSON keys are written in a fixed order, chunks are canonical).
 */
export async function buildBundle(input: BuildBundleInput): Promise<BuiltBundle> {
  const files = new Map<string, Uint8Array>();
  const chunks: ChunkRef[] = [];
  for (const category of input.policy.categories) {
    const hosts = input.lists[category.id] ?? [];
    const raw = encodeHostList(hosts);
    const { coding, bytes: compressed } = input.compressChunk(raw);
    const sha256 = await sha256Hex(compressed);
    // `coding` is left out for raw deflate, so such a manifest is exactly what extensions from
    // before zstd read (their manifest schema is strict and would refuse the field).
    chunks.push({ category: category.id, sha256, size: compressed.length, rawSize: raw.length, count: new Set(hosts).size, ...(coding === 'deflate-raw' ? {} : { coding }) });
    files.set(chunkPath(sha256), compressed);
  }
  const issuedAt = new Date(Math.floor(input.issuedAt.getTime() / 1000) * 1000);
  const manifest: SignedManifest = {
    format: MANIFEST_FORMAT_VERSION,
    kind: 'aup-guard-bundle',
    serial: input.serial,
    issuedAt: isoSeconds(issuedAt),
    expiresAt: isoSeconds(new Date(issuedAt.getTime() + input.validDays * DAY)),
    keyId: input.key.keyId,
    policy: input.policy,
    chunks,
    attribution: input.attribution,
  };
  const payload = utf8(JSON.stringify(manifest));
  const envelope: Envelope = {
    payloadType: PAYLOAD_TYPE,
    payload: toBase64(payload),
    signatures: [{ keyid: input.key.keyId, sig: await sign(input.key, PAYLOAD_TYPE, payload) }],
  };
  files.set('manifest.json', utf8(JSON.stringify(envelope, null, 2) + '\n'));
  return { manifest, files };
}
