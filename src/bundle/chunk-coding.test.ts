import { describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { inflateRaw } from './chunk-coding.ts';
import { decodeHostList, encodeHostList } from '../match/host-list.ts';

describe('inflateRaw', () => {
  const text = new TextEncoder().encode('example.com\n'.repeat(10_000));
  const compressed = new Uint8Array(deflateRawSync(text, { level: 9 }));

  it('inflates raw deflate', async () => {
    expect(await inflateRaw(compressed, text.length)).toEqual(text);
  });

  it('stops as soon as the output exceeds the cap', async () => {
    await expect(inflateRaw(compressed, text.length - 1)).rejects.toThrow(/exceeds the limit of 119999 bytes/);
  });

  it('stops a zip bomb early', async () => {
    const bomb = new Uint8Array(deflateRawSync(new Uint8Array(64 * 1024 * 1024), { level: 9 }));
    expect(bomb.length).toBeLessThan(100_000);
    await expect(inflateRaw(bomb, 1024 * 1024)).rejects.toThrow(/exceeds the limit/);
  });

  it('rejects data that is not raw deflate', async () => {
    await expect(inflateRaw(new Uint8Array([0xff, 0xff, 0xff, 0xff]), 1000)).rejects.toThrow(/not valid raw-deflate data/);
    await expect(inflateRaw(compressed.subarray(0, compressed.length - 10), 1_000_000)).rejects.toThrow(/not valid raw-deflate data/);
  });

  it('round-trips a host list chunk', async () => {
    const chunk = encodeHostList(['example.com', 'www.example.org']);
    const inflated = await inflateRaw(new Uint8Array(deflateRawSync(chunk, { level: 9 })), chunk.length);
    expect(decodeHostList(inflated)).toEqual(['example.com', 'www.example.org']);
  });
});
