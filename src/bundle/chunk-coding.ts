import { Decompress } from 'fzstd';

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
  return joined(parts, total);
}

/**
 * Input is fed to the decompressor in slices this big, so one slice can expand to ~16 MiB at
 * most (deflate's limit is ~1032:1) before the limit below is checked. 1 KiB slices cost a
 * stream round trip per KiB: ~7,000 for a 7 MB chunk.
 */
const INFLATE_SLICE = 16_384;

/**
 * Inflate raw-deflate data with DecompressionStream('deflate-raw'), giving up with an Error as
 * soon as the output exceeds `maxBytes` (zip bombs, "endless data"). The input is handed over a
 * slice at a time and only when the decompressor asks for more, so even a decompressor that
 * inflates each input chunk in one go cannot run far past the limit before we stop it.
 */
export async function inflateRaw(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  let fed = 0;
  const source = new ReadableStream<BufferSource>(
    {
      pull(controller) {
        if (fed >= bytes.length) {
          controller.close();
          return;
        }
        const slice = bytes.slice(fed, fed + INFLATE_SLICE);
        fed += slice.length;
        controller.enqueue(slice);
      },
    },
    { highWaterMark: 0 },
  );
  const reader = source.pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      result = await reader.read();
    } catch (error) {
      throw new Error(`not valid raw-deflate data (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    }
    if (result.done) break;
    total += result.value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new Error(`inflated data exceeds the limit of ${maxBytes} bytes`);
    }
    parts.push(result.value);
  }
  return joined(parts, total);
}

/** The decompressor's output pieces as one array of `total` bytes. */
function joined(parts: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** A chunk's bytes decompressed by its coding, never to more than `maxBytes`. */
export async function decompressChunk(bytes: Uint8Array, coding: ChunkCoding | undefined, maxBytes: number): Promise<Uint8Array> {
  return (coding ?? 'deflate-raw') === 'zstd' ? unzstd(bytes, maxBytes) : inflateRaw(bytes, maxBytes);
}
