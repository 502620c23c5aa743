import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readBundle } from '../../src/bundle/bundle-reader.ts';
import { BundleError } from '../../src/bundle/bundle-error.ts';
import { fromBase64, toBase64, utf8 } from '../../src/bundle/bytes.ts';
import { MANIFEST_FILE, PAYLOAD_TYPE, chunkPath, type Envelope, type SignedManifest } from '../../src/bundle/manifest.ts';
import { sign } from '../../src/bundle/signing.ts';
import { IN_VALIDITY, buildRepoBundle, devKey, memoryFetcher, otherKey, repoRules, trustedDev } from './support/bundle-fixture.ts';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    if (error instanceof BundleError) return error.code;
    throw error;
  }
}

async function read(files: Map<string, Uint8Array>, options: { minSerial?: number; now?: number; heldAtFloor?: SignedManifest } = {}) {
  return readBundle(memoryFetcher(files), { trustedKeys: await trustedDev(), now: options.now ?? IN_VALIDITY, minSerial: options.minSerial, heldAtFloor: options.heldAtFloor });
}

function envelopeOf(files: Map<string, Uint8Array>): Envelope {
  return JSON.parse(new TextDecoder().decode(files.get(MANIFEST_FILE)!));
}

/** Re-sign a modified payload with `key`: a correctly signed but otherwise wrong manifest. */
async function resigned(files: Map<string, Uint8Array>, edit: (payload: Record<string, unknown>) => void, key?: Awaited<ReturnType<typeof devKey>>) {
  const k = key ?? (await devKey());
  const envelope = envelopeOf(files);
  const payload = JSON.parse(new TextDecoder().decode(fromBase64(envelope.payload)));
  edit(payload);
  payload.keyId = k.keyId;
  const bytes = utf8(JSON.stringify(payload));
  const next: Envelope = { payloadType: PAYLOAD_TYPE, payload: toBase64(bytes), signatures: [{ keyid: k.keyId, sig: await sign(k, PAYLOAD_TYPE, bytes) }] };
  const copy = new Map(files);
  copy.set(MANIFEST_FILE, utf8(JSON.stringify(next)));
  return copy;
}

describe('bundle verification', () => {
  it('accepts the bundle built from rules/, with every category list', async () => {
    const { files, manifest } = await buildRepoBundle();
    const result = await read(files);
    expect(result.manifest.serial).toBe(5);
    expect(Object.keys(result.lists).sort()).toEqual(manifest.policy.categories.map((c) => c.id).sort());
    expect(result.lists.gambling).toContain('bet365.com');
  });

  it('builds byte-identical bundles from the same input', async () => {
    const a = await buildRepoBundle();
    const b = await buildRepoBundle();
    expect([...a.files.keys()]).toEqual([...b.files.keys()]);
    for (const [path, bytes] of a.files) expect(Buffer.from(b.files.get(path)!).equals(Buffer.from(bytes))).toBe(true);
  });

  it('rejects a changed policy byte (bad signature)', async () => {
    const { files } = await buildRepoBundle();
    const envelope = envelopeOf(files);
    const payload = fromBase64(envelope.payload);
    const i = new TextDecoder().decode(payload).indexOf('Gambling');
    payload[i] = 'g'.charCodeAt(0);
    const copy = new Map(files).set(MANIFEST_FILE, utf8(JSON.stringify({ ...envelope, payload: toBase64(payload) })));
    expect(await codeOf(read(copy))).toBe('bad-signature');
  });

  it('rejects a changed chunk byte', async () => {
    const { files, manifest } = await buildRepoBundle();
    const path = chunkPath(manifest.chunks[0]!.sha256);
    const bytes = new Uint8Array(files.get(path)!);
    bytes[3] = (bytes[3]! ^ 0xff) & 0xff;
    expect(await codeOf(read(new Map(files).set(path, bytes)))).toBe('chunk-hash-mismatch');
  });

  it('rejects a manifest signed by an unknown key', async () => {
    const { files } = await buildRepoBundle();
    expect(await codeOf(read(await resigned(files, () => undefined, await otherKey())))).toBe('unknown-key');
  });

  it('rejects a serial lower than the one held (rollback), accepts an equal one', async () => {
    const { files } = await buildRepoBundle();
    expect(await codeOf(read(files, { minSerial: 6 }))).toBe('rollback');
    expect(await codeOf(read(files, { minSerial: 5 }))).toBe('accepted');
  });

  it('rejects the serial it holds with other content (a new policy needs a higher serial), accepts the same bundle again', async () => {
    const held = await buildRepoBundle();
    const other = await buildRepoBundle({ lists: { ...repoRules().lists, gambling: ['only-this.example'] } });
    expect(other.manifest.serial).toBe(held.manifest.serial);
    expect(await codeOf(read(other.files, { minSerial: 5, heldAtFloor: held.manifest }))).toBe('serial-reused');
    expect(await codeOf(read(held.files, { minSerial: 5, heldAtFloor: held.manifest }))).toBe('accepted');
    const next = await buildRepoBundle({ serial: 6, lists: { ...repoRules().lists, gambling: ['only-this.example'] } });
    expect(await codeOf(read(next.files, { minSerial: 5, heldAtFloor: held.manifest }))).toBe('accepted');
  });

  it('rejects an expired manifest and one issued in the future', async () => {
    const { files } = await buildRepoBundle();
    expect(await codeOf(read(files, { now: Date.parse('2026-12-01T00:00:01Z') }))).toBe('expired');
    expect(await codeOf(read(files, { now: Date.parse('2026-10-01T00:00:00Z') }))).toBe('not-yet-valid');
  });

  it('rejects a chunk larger than its declared size (endless data) without reading it all', async () => {
    const { files, manifest } = await buildRepoBundle();
    const path = chunkPath(manifest.chunks[1]!.sha256);
    const long = new Uint8Array(50_000_000);
    long.set(files.get(path)!);
    expect(await codeOf(read(new Map(files).set(path, long)))).toBe('chunk-too-large');
  });

  it('rejects a correctly signed manifest with a schema error', async () => {
    const { files } = await buildRepoBundle();
    const bad = await resigned(files, (p) => {
      (p.policy as { groups: unknown[] }).groups = [];
    });
    expect(await codeOf(read(bad))).toBe('schema');
    const extra = await resigned(files, (p) => {
      p.surprise = true;
    });
    expect(await codeOf(read(extra))).toBe('schema');
  });

  it('rejects a chunk whose declared raw size is smaller than what it inflates to', async () => {
    const { files } = await buildRepoBundle();
    const bad = await resigned(files, (p) => {
      const chunks = p.chunks as Array<{ rawSize: number }>;
      chunks[0]!.rawSize = 10;
    });
    expect(await codeOf(read(bad))).toBe('chunk-too-large');
  });

  it('rejects garbage that is not a manifest', async () => {
    const { files } = await buildRepoBundle();
    expect(await codeOf(read(new Map(files).set(MANIFEST_FILE, utf8('<html>oops</html>'))))).toBe('malformed');
    expect(await codeOf(read(new Map(files).set(MANIFEST_FILE, new Uint8Array([0xff, 0xfe, 0x00]))))).toBe('malformed');
  });

  it('never accepts a randomly corrupted manifest or chunk (property)', async () => {
    const { files, manifest } = await buildRepoBundle();
    const paths = [MANIFEST_FILE, ...manifest.chunks.map((c) => chunkPath(c.sha256))];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        fc.constantFrom('flip', 'truncate', 'append'),
        async (path, at, xor, how) => {
          const original = files.get(path)!;
          let bytes: Uint8Array;
          if (how === 'flip') {
            bytes = new Uint8Array(original);
            const i = at % bytes.length;
            bytes[i] = bytes[i]! ^ xor;
          } else if (how === 'truncate') {
            bytes = original.slice(0, at % original.length);
          } else {
            bytes = new Uint8Array([...original, xor]);
          }
          const code = await codeOf(read(new Map(files).set(path, bytes)));
          // Flipping whitespace in the envelope's JSON formatting is harmless; everything else must be refused.
          if (code === 'accepted') {
            expect(path).toBe(MANIFEST_FILE);
            const same = JSON.stringify(JSON.parse(new TextDecoder().decode(bytes))) === JSON.stringify(JSON.parse(new TextDecoder().decode(original)));
            expect(same).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
