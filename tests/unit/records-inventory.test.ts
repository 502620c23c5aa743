import { describe, expect, it } from 'vitest';
import { storedKeys, RECORDS } from '../../extension/background/records.ts';
import { AUDIENCE_WORDS, SENT, STORED, WHERE_WORDS } from '../../extension/pages/options/records-inventory.ts';
import { WIRES, WIRE_IDS, fieldPaths, type WireId } from '../../src/protocol/wire-fields.ts';
import { readLocale } from './support/locale-keys.ts';

/*
 * "What AUP Guard records" describes every key the extension stores under and every field it
 * sends. The lists compared here are derived from the definitions themselves (the record
 * declarations and the zod schemas the code sends with), never written out by hand: a new
 * record or field fails this test until it is described (see records-inventory.ts).
 */

const sorted = (xs: Iterable<string>) => [...xs].sort();
type Fields = Record<string, { what: string; seenBy?: readonly string[] }>;
const fieldsOf = (id: WireId) => (SENT[id] as unknown as { fields: Fields }).fields;

describe('the records inventory', () => {
  it('describes every stored key, and nothing the extension does not store', () => {
    const derived = storedKeys();
    expect(derived.length).toBeGreaterThanOrEqual(RECORDS.length + 3);
    expect(sorted(Object.keys(STORED))).toEqual(sorted(derived.map((k) => k.key)));
  });

  it('says where each record is kept as its declaration does', () => {
    for (const { key, where } of storedKeys()) expect(STORED[key].where, key).toBe(where);
  });

  it.each(WIRE_IDS)('describes every field of the %s request, and nothing it does not send', (id) => {
    const derived = fieldPaths(WIRES[id]);
    expect(derived.length).toBeGreaterThan(0);
    expect(sorted(Object.keys(fieldsOf(id)))).toEqual(sorted(new Set(derived)));
  });

  it('finds nested fields and the elements of arrays (a guard against the walk passing vacuously)', () => {
    expect(fieldPaths(WIRES.report)).toContain('device.policySerial');
    expect(fieldPaths(WIRES.checkin)).toContain('findings.detail');
    expect(fieldPaths(WIRES.checkin)).toContain('policy.lastError');
  });

  it('has words for every entry in English and Welsh', () => {
    const keys = new Set<string>([...Object.values(AUDIENCE_WORDS), ...Object.values(WHERE_WORDS)]);
    for (const entry of Object.values(STORED)) keys.add(entry.what).add(entry.kept);
    for (const id of WIRE_IDS) {
      const wire = SENT[id] as unknown as { what: string; kept: string; fields: Fields };
      keys.add(wire.what).add(wire.kept);
      for (const field of Object.values(wire.fields)) keys.add(field.what);
    }
    for (const locale of ['en_GB', 'cy']) {
      const messages = readLocale(locale);
      expect([...keys].filter((k) => !messages[k]), `missing from ${locale}`).toEqual([]);
    }
  });

  it('names who sees each thing: never no one and someone at once', () => {
    for (const entry of [...Object.values(STORED), ...WIRE_IDS.flatMap((id) => Object.values(fieldsOf(id)))]) {
      const seenBy = entry.seenBy ?? [];
      if (seenBy.includes('noOne')) expect(seenBy).toEqual(['noOne']);
    }
  });
});
