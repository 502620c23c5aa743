import { describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { decompressChunk, unzstd } from '../../src/bundle/chunk-coding.ts';
import { decodeHostList, encodeHostList } from '../../src/match/host-list.ts';
import { chunkCodingOf, chunkCompressor } from '../../src/cli/commands/build.ts';
import { readBundle } from '../../src/bundle/bundle-reader.ts';
import { BundleError } from '../../src/bundle/bundle-error.ts';
import { MANIFEST_FILE, chunkPath } from '../../src/bundle/manifest.ts';
import { fromBase64 } from '../../src/bundle/bytes.ts';
import { IN_VALIDITY, buildRepoBundle, memoryFetcher, trustedDev } from './support/bundle-fixture.ts';

const HOSTS = ['bet365.com', 'www.example.co.uk', 'a.b.c.example.org', '192.0.2.7', 'xn--bcher-kva.example'];

async function zstd(bytes: Uint8Array): Promise<Uint8Array> {
  return (await chunkCompressor('zstd'))(bytes).bytes;
}

function payloadOf(files: Map<string, Uint8Array>) {
  const envelope = JSON.parse(new TextDecoder().decode(files.get(MANIFEST_FILE)!));
  return JSON.parse(new TextDecoder().decode(fromBase64(envelope.payload)));
}

describe('chunk coding', () => {
  it('zstd: a host list comes back exactly, across many of the decoder\'s input slices', async () => {
    // Enough hosts that the compressed chunk spans several 16 KiB slices and many blocks.
    const hosts = Array.from({ length: 60_000 }, (_, i) => `h${(i * 7919).toString(36)}x${i}.example${i % 13}.com`);
    const raw = encodeHostList(hosts);
    const wire = await zstd(raw);
    expect(wire.length).toBeGreaterThan(16_384);
    const back = await decompressChunk(wire, 'zstd', raw.length);
    expect(Buffer.from(back).equals(Buffer.from(raw))).toBe(true);
    expect(new Set(decodeHostList(back))).toEqual(new Set(hosts));
  });

  it('raw deflate, the coding of bundles made before zstd, still decodes (no coding given)', async () => {
    const raw = encodeHostList(HOSTS);
    const back = await decompressChunk(new Uint8Array(deflateRawSync(raw)), undefined, raw.length);
    expect(new Set(decodeHostList(back))).toEqual(new Set(HOSTS));
  });

  it('stops a zstd bomb at its limit instead of filling memory', async () => {
    const wire = await zstd(new Uint8Array(64 * 1024 * 1024));
    expect(wire.length).toBeLessThan(4096);
    expect(() => unzstd(wire, 1024 * 1024)).toThrow(/exceeds the limit of 1048576 bytes/);
  });

  it('refuses one byte more than declared', async () => {
    const raw = encodeHostList(HOSTS);
    const wire = await zstd(raw);
    expect(() => unzstd(wire, raw.length - 1)).toThrow(/exceeds the limit/);
    expect(unzstd(wire, raw.length).length).toBe(raw.length);
  });

  it('refuses truncated, corrupt, empty and non-zstd data with a clear error', async () => {
    const raw = encodeHostList(HOSTS);
    const wire = await zstd(raw);
    expect(() => unzstd(new Uint8Array(0), 100)).toThrow(/not valid zstd data/);
    expect(() => unzstd(new TextEncoder().encode('<html>oops</html>'), 100)).toThrow(/not valid zstd data/);
    expect(() => unzstd(new Uint8Array(deflateRawSync(raw)), raw.length)).toThrow(/not valid zstd data/);
    // Cut short: either refused, or less than the whole list (the caller compares with rawSize).
    let cut: Uint8Array | null = null;
    try {
      cut = unzstd(wire.subarray(0, wire.length - 5), raw.length);
    } catch (error) {
      expect((error as Error).message).toMatch(/not valid zstd data/);
    }
    if (cut) expect(cut.length).toBeLessThan(raw.length);
  });

  it('aup build: zstd by default, deflate-raw on request, anything else refused', () => {
    expect(chunkCodingOf(undefined)).toBe('zstd');
    expect(chunkCodingOf('deflate-raw')).toBe('deflate-raw');
    expect(() => chunkCodingOf('brotli')).toThrow(/--chunk-coding: one of zstd, deflate-raw/);
  });
});

describe('bundles and chunk coding', () => {
  const read = async (files: Map<string, Uint8Array>) => readBundle(memoryFetcher(files), { trustedKeys: await trustedDev(), now: IN_VALIDITY });

  it('a zstd bundle says so for every chunk, and reads the same lists as the same bundle in raw deflate', async () => {
    const zstdBundle = await buildRepoBundle();
    const deflateBundle = await buildRepoBundle({ compressChunk: await chunkCompressor('deflate-raw') });
    const zChunks = payloadOf(zstdBundle.files).chunks as Array<Record<string, unknown>>;
    const dChunks = payloadOf(deflateBundle.files).chunks as Array<Record<string, unknown>>;
    expect(zChunks.every((c) => c.coding === 'zstd')).toBe(true);
    // Exactly the manifest an extension from before zstd reads: no `coding` field at all.
    expect(dChunks.every((c) => !('coding' in c))).toBe(true);
    expect((await read(zstdBundle.files)).lists).toEqual((await read(deflateBundle.files)).lists);
  });

  it('a chunk that is not in the coding its manifest names is malformed, not read as empty', async () => {
    const zstdBundle = await buildRepoBundle();
    const deflateBundle = await buildRepoBundle({ compressChunk: await chunkCompressor('deflate-raw') });
    // Swap one category's bytes for the raw-deflate bytes, keeping the manifest's hash honest.
    const { chunks } = payloadOf(zstdBundle.files) as { chunks: Array<{ sha256: string; category: string }> };
    const dChunks = (payloadOf(deflateBundle.files) as { chunks: Array<{ sha256: string; category: string }> }).chunks;
    const target = chunks.find((c) => c.category === 'gambling')!;
    const other = dChunks.find((c) => c.category === 'gambling')!;
    const files = new Map(zstdBundle.files).set(chunkPath(target.sha256), deflateBundle.files.get(chunkPath(other.sha256))!);
    await expect(read(files)).rejects.toBeInstanceOf(BundleError);
  });
});
