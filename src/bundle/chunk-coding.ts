import { Decompress } from 'fzstd';
import { inflateRaw } from '../match/host-list.ts';

/**
 * How a chunk's bytes are compressed on the wire (manifest `chunks[].coding`).
 *   - `zstd` (the default since 2026-12-06): a Zstandard frame, decoded in JavaScript by fzstd,
 *     because neither browser has a native zstd or brotli decoder for a script
 *     (DecompressionStream knows gzip and deflate only). On the UT1 lists as a bundle ships them
 *     it is 3.88 bytes per host against deflate's 4.19 (issue 14: ≤ 4), and decodes faster than
 *     the native inflate took (docs/performance.md, "The chunk wire").
 *   - `deflate-raw`: what every bundle before that used; a manifest without `coding` means it,
 *     so bundles already hosted stay readable, and `aup build --chunk-coding deflate-raw` still
 *     makes it for devices whose extension predates zstd.
 */
export const CHUNK_CODINGS = ['zstd', 'deflate-raw'] as const;
export type ChunkCoding = (typeof CHUNK_CODINGS)[number];

/**
 * Input is handed to the zstd decoder this much at a time. Its output comes a block at a time
 * (at most 128 KiB each, the format's limit), and the limit is checked on every block, so a
 * chunk that expands past its declared size is stopped within one block of it.
 */
const ZSTD_SLICE = 16_384;

/**
 * Decompress a Zstandard frame, giving up with an Error as soon as the output exceeds
 * `maxBytes` (a zip bomb, or data that does not end).
 */
export function unzstd(bytes: Uint8Array, maxBytes: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  const decoder = new Decompress((block) => {
    total += block.length;
    if (total > maxBytes) throw new RangeError(`decompressed data exceeds the limit of ${maxBytes} bytes`);
    parts.push(block);
  });
  try {
    if (bytes.length === 0) throw new Error('no data');
    for (let at = 0; at < bytes.length; at += ZSTD_SLICE) decoder.push(bytes.subarray(at, at + ZSTD_SLICE), at + ZSTD_SLICE >= bytes.length);
  } catch (error) {
    if (error instanceof RangeError) throw error;
    throw new Error(`not valid zstd data (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A chunk's bytes decompressed by its coding, never to more than `maxBytes`. */
export async function decompressChunk(bytes: Uint8Array, coding: ChunkCoding | undefined, maxBytes: number): Promise<Uint8Array> {
  return (coding ?? 'deflate-raw') === 'zstd' ? unzstd(bytes, maxBytes) : inflateRaw(bytes, maxBytes);
}
