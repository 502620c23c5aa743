import { z } from 'zod';
import { CompiledPolicy } from '../policy/compiled-schema.ts';
import { Id } from '../policy/ids.ts';
import { CHUNK_CODINGS } from './chunk-coding.ts';

/**
 * The signed bundle manifest. On the wire it is a DSSE envelope whose payload is the JSON of
 * `SignedManifest`; chunks live beside it at `chunks/<sha256>.bin`, content-addressed, so a
 * policy update only re-sends the chunks whose content changed.
 */

export const PAYLOAD_TYPE = 'application/vnd.aup-guard.bundle+json';
export const MANIFEST_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';

/** Caps that hold whatever a manifest declares: a hostile server cannot make a device read more. */
export const LIMITS = {
  manifestBytes: 4 * 1024 * 1024,
  chunkBytes: 64 * 1024 * 1024,
  chunkRawBytes: 256 * 1024 * 1024,
  chunks: 255,
} as const;

export const Envelope = z.strictObject({
  payloadType: z.literal(PAYLOAD_TYPE),
  payload: z.string().min(1),
  signatures: z.array(z.strictObject({ keyid: z.string().regex(/^[0-9a-f]{16}$/), sig: z.string().min(1) })).min(1).max(8),
});
export type Envelope = z.infer<typeof Envelope>;

export const ChunkRef = z.strictObject({
  category: Id,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Bytes on the wire (compressed). */
  size: z.number().int().positive().max(LIMITS.chunkBytes),
  /** Bytes after decompressing: the cap for decompression. */
  rawSize: z.number().int().nonnegative().max(LIMITS.chunkRawBytes),
  /** Hosts in the list. */
  count: z.number().int().nonnegative(),
  /** How the bytes are compressed (chunk-coding.ts); absent in bundles made before zstd: raw deflate. */
  coding: z.enum(CHUNK_CODINGS).optional(),
});
export type ChunkRef = z.infer<typeof ChunkRef>;

export const IsoInstant = z.iso.datetime({ offset: false });

export const SignedManifest = z.strictObject({
  format: z.literal(MANIFEST_FORMAT_VERSION),
  kind: z.literal('aup-guard-bundle'),
  serial: z.number().int().positive(),
  issuedAt: IsoInstant,
  expiresAt: IsoInstant,
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  policy: CompiledPolicy,
  chunks: z.array(ChunkRef).max(LIMITS.chunks),
  /** Licence notices for imported data (UT1 is CC BY-SA 4.0). */
  attribution: z.array(z.string()),
});
export type SignedManifest = z.infer<typeof SignedManifest>;

export function chunkPath(sha256: string): string {
  return `chunks/${sha256}.bin`;
}
