import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { fakeBrowser } from '@webext-core/fake-browser';
import { defineRecord, migrate, onStoredProblem, UNREADABLE_PREFIX } from './stored-record.ts';
import { bytesOf, defineBlobRecord } from './blob-record.ts';

// Runs against @webext-core/fake-browser (tests/unit/setup.ts): storage that really stores.

/** A record that went through three versions: v1 `{ n }` (under an old key), v2 `{ version, n }`, v3 `{ version, count, label }`. */
const V1 = z.strictObject({ n: z.number() });
const V2 = z.object({ version: z.literal(2), n: z.number() });
const V3 = z.object({ version: z.literal(3), count: z.number().int(), label: z.string() });
const FALLBACK = { version: 3 as const, count: 0, label: 'none' };
const record = defineRecord({
  key: 'test.counter',
  area: 'local',
  version: 3,
  schema: V3,
  migrations: {
    1: migrate(V1, (old) => ({ version: 2, n: old.n })),
    2: migrate(V2, (old) => ({ version: 3, count: old.n, label: `from ${old.n}` })),
  },
  legacyKey: { key: 'test.counter.v1', version: 1 },
  fallback: FALLBACK,
});
const sessionRecord = defineRecord({
  key: 'test.session', area: 'session', version: 1, schema: z.object({ version: z.literal(1), on: z.boolean() }), fallback: null,
});

const local = () => fakeBrowser.storage.local.get(null);
let reports: string[];
let warn: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  fakeBrowser.reset();
  reports = [];
  onStoredProblem((what, error) => void reports.push(`${what} | ${error.message}`));
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  onStoredProblem(null);
  warn.mockRestore();
});

describe('a stored record', () => {
  it('reads missing as the default, silently, and writes nothing', async () => {
    expect(await record.read()).toEqual(FALLBACK);
    expect(await local()).toEqual({});
    expect(reports).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('reads back what it wrote, with the version inside the value', async () => {
    await record.write({ version: 3, count: 7, label: 'seven' });
    expect(await local()).toEqual({ 'test.counter': { version: 3, count: 7, label: 'seven' } });
    expect(await record.inspect()).toEqual({ value: { version: 3, count: 7, label: 'seven' }, problem: null });
  });

  it('migrates an older version through each step and stores the result', async () => {
    await fakeBrowser.storage.local.set({ 'test.counter': { version: 2, n: 5 } });
    expect(await record.read()).toEqual({ version: 3, count: 5, label: 'from 5' });
    expect(await local()).toEqual({ 'test.counter': { version: 3, count: 5, label: 'from 5' } });
    expect(reports).toEqual([]);
  });

  it('moves a value from its old key: migrated, stored under the new key, the old key removed', async () => {
    await fakeBrowser.storage.local.set({ 'test.counter.v1': { n: 4 } });
    expect(await record.read()).toEqual({ version: 3, count: 4, label: 'from 4' });
    expect(await local()).toEqual({ 'test.counter': { version: 3, count: 4, label: 'from 4' } });
  });

  it('ignores the old key once the new one exists', async () => {
    await fakeBrowser.storage.local.set({ 'test.counter.v1': { n: 4 }, 'test.counter': { version: 3, count: 9, label: 'new' } });
    expect((await record.read()).count).toBe(9);
  });

  it('reads garbage as the default, reports it once, and keeps the raw value aside', async () => {
    await fakeBrowser.storage.local.set({ 'test.counter': { version: 3, count: 'many' } });
    expect(await record.inspect()).toMatchObject({ value: FALLBACK, problem: expect.stringContaining('count') });
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/^storage: test\.counter \| /);
    expect(warn).toHaveBeenCalledOnce();
    const stored = await local();
    expect(stored[`${UNREADABLE_PREFIX}test.counter`]).toEqual({ version: 3, count: 'many' });
    // Never destroyed by a read: a later write replaces it.
    expect(stored['test.counter']).toEqual({ version: 3, count: 'many' });

    // The same value again: still the default, but not reported again (reads stay quiet).
    expect(await record.read()).toEqual(FALLBACK);
    expect(reports).toHaveLength(1);
    // Another unreadable value: reported, and the copy aside is overwritten.
    await fakeBrowser.storage.local.set({ 'test.counter': 'nonsense' });
    expect(await record.read()).toEqual(FALLBACK);
    expect(reports).toHaveLength(2);
    expect((await local())[`${UNREADABLE_PREFIX}test.counter`]).toBe('nonsense');
  });

  it.each([
    ['a newer version', { version: 4, count: 1, label: 'x' }, /newer/],
    ['no version at all', { count: 1, label: 'x' }, /no version/],
    ['an unknown older version', { version: 0, n: 1 }, /no migration from version 0/],
    ['an older version that is not of its shape', { version: 2, n: 'five' }, /version 2: n:/],
    ['a fractional version', { version: 2.5, n: 1 }, /no version/],
  ])('reads %s as the default and reports why', async (_name, raw, why) => {
    await fakeBrowser.storage.local.set({ 'test.counter': raw });
    const result = await record.inspect();
    expect(result.value).toEqual(FALLBACK);
    expect(result.problem).toMatch(why);
    expect(reports).toHaveLength(1);
    expect((await local())['test.counter']).toEqual(raw);
  });

  it('refuses an unreadable value under the old key the same way, keeping it aside', async () => {
    await fakeBrowser.storage.local.set({ 'test.counter.v1': { n: 'x' } });
    expect(await record.read()).toEqual(FALLBACK);
    expect(reports).toHaveLength(1);
    expect(await local()).toMatchObject({ 'test.counter.v1': { n: 'x' }, [`${UNREADABLE_PREFIX}test.counter.v1`]: { n: 'x' } });
    expect((await local())['test.counter']).toBeUndefined();
  });

  it('refuses a migration whose result does not pass the current schema', async () => {
    const broken = defineRecord({
      key: 'test.broken', area: 'local', version: 2, schema: V3.extend({ version: z.literal(2) }),
      migrations: { 1: migrate(z.object({ version: z.literal(1) }), () => ({ version: 2, count: 1.5, label: 'x' })) },
      fallback: null,
    });
    await fakeBrowser.storage.local.set({ 'test.broken': { version: 1 } });
    expect(await broken.read()).toBeNull();
    expect(reports).toHaveLength(1);
    expect((await local())['test.broken']).toEqual({ version: 1 });
  });

  it('keeps a session record in storage.session', async () => {
    await sessionRecord.write({ version: 1, on: true });
    expect(await fakeBrowser.storage.session.get(null)).toEqual({ 'test.session': { version: 1, on: true } });
    expect(await local()).toEqual({});
    expect(await sessionRecord.read()).toEqual({ version: 1, on: true });
  });

  it('does not loop when the problem listener itself meets an unreadable record', async () => {
    let calls = 0;
    onStoredProblem(async () => {
      calls++;
      await sessionRecord.read();
    });
    await fakeBrowser.storage.session.set({ 'test.session': { version: 1, on: 'yes' } });
    await fakeBrowser.storage.local.set({ 'test.counter': 'bad' });
    expect(await record.read()).toEqual(FALLBACK);
    expect(calls).toBe(1);
    expect(warn).toHaveBeenCalledTimes(2);
  });
});

describe('a blob record', () => {
  const blobs = new Map<string, Uint8Array | Blob>();
  const even = defineBlobRecord<number, string>(
    {
      prefix: 'even:',
      decode: async (_id, stored) => {
        const bytes = await bytesOf(stored);
        if (bytes[0]! % 2 !== 0) throw new Error('odd');
        return bytes[0]!;
      },
      encode: (n) => new Uint8Array([n]),
    },
    async (key) => blobs.get(key),
  );

  it('decodes what it encoded, under its prefix', async () => {
    const [key, bytes] = even.entry('a', 4);
    blobs.set(key, bytes);
    expect(key).toBe('even:a');
    expect(await even.read('a')).toBe(4);
    expect(reports).toEqual([]);
  });

  it('reads missing as missing, and bytes its decoder refuses as missing too, reported', async () => {
    expect(await even.read('nothing')).toBeUndefined();
    expect(reports).toEqual([]);
    blobs.set('even:b', new Uint8Array([3]));
    expect(await even.read('b')).toBeUndefined();
    expect(reports).toEqual(['storage: even:b | odd']);
  });
});
