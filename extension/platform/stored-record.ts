import { z } from 'zod';
import { browser } from './browser.ts';

/*
 * Every record the extension keeps in storage.local / storage.session, declared once with its
 * key, area, version, schema, migrations and safe default. Stored data may come from an older
 * (or, after a downgrade, a newer) version of the extension, or be damaged: nothing read from
 * storage is used without passing the schema, and what cannot be read is reported, kept aside
 * for support staff, and replaced by the record's safe default. The version lives inside the
 * value (`{ version: N, ... }`), never in the key.
 */

export type Area = 'local' | 'session';

/** One step up: validates a value of version N and returns the value of version N + 1 (throws if it cannot). */
export type Migration = (old: unknown) => unknown;

/** A migration step from a value that `schema` (the old version's schema) accepts. */
export function migrate<Old>(schema: z.ZodType<Old>, up: (old: Old) => unknown): Migration {
  return (old) => up(schema.parse(old));
}

export type RecordSpec<T extends { version: number }, D, K extends string = string> = {
  key: K;
  area: Area;
  version: T['version'];
  /** The current version's schema (its `version` a literal). */
  schema: z.ZodType<T>;
  /** Step from each older version to the next one; an older version not listed cannot be read. */
  migrations?: Readonly<Record<number, Migration>>;
  /** A key older releases stored this record under, its (unversioned) value being `version`. */
  legacyKey?: { key: string; version: number };
  /** What a missing or unreadable record means; chosen so that it never lowers protection. */
  fallback: D;
};

export type ReadResult<V> = { value: V; problem: string | null };

export type StoredRecord<T extends { version: number }, D, K extends string = string> = {
  readonly key: K;
  readonly area: Area;
  readonly version: number;
  readonly legacyKey: string | null;
  read(): Promise<T | D>;
  /** As read(), and why the stored value could not be used (null when it could, or was missing). */
  inspect(): Promise<ReadResult<T | D>>;
  write(value: T): Promise<void>;
};

/** Where an unreadable value is kept (overwritten by the next one) so support staff can see it. */
export const UNREADABLE_PREFIX = 'aup.unreadable.';

/** storage.session when the browser has it (in-memory, cleared at browser exit); else local. */
function storageArea(area: Area) {
  return area === 'session' ? (browser.storage.session ?? browser.storage.local) : browser.storage.local;
}

async function get(area: Area, key: string): Promise<unknown> {
  return (await storageArea(area).get(key))[key];
}

async function set(area: Area, key: string, value: unknown): Promise<void> {
  await storageArea(area).set({ [key]: value });
}

type ProblemListener = (what: string, error: Error) => unknown;
let listener: ProblemListener | null = null;
let reporting = false;

/** The worker sets this to keep a note of storage problems (e.g. the last-internal-error record). */
export function onStoredProblem(next: ProblemListener | null): void {
  listener = next;
}

/** Warn, and tell the listener once at a time: a listener that itself stores must not loop back here. */
export async function reportStoredProblem(key: string, problem: string): Promise<void> {
  console.warn(`AUP Guard: stored ${key} unreadable (${problem}); not used`);
  if (reporting || !listener) return;
  reporting = true;
  try {
    await listener(`storage: ${key}`, new Error(problem));
  } catch {
    // A note that cannot be stored must not turn a read into a failure.
  } finally {
    reporting = false;
  }
}

/** Keep the raw value aside and report it, unless this very value was already reported (reads stay quiet). */
async function setAside(area: Area, key: string, raw: unknown, problem: string): Promise<void> {
  const asideKey = UNREADABLE_PREFIX + key;
  const seen = JSON.stringify(await get(area, asideKey));
  if (seen === JSON.stringify(raw)) return;
  await set(area, asideKey, raw);
  await reportStoredProblem(key, problem);
}

function describe(error: unknown): string {
  if (error instanceof z.ZodError) return error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
  return error instanceof Error ? error.message : String(error);
}

function versionOf(raw: unknown): number | null {
  const version = raw && typeof raw === 'object' ? (raw as { version?: unknown }).version : undefined;
  return typeof version === 'number' && Number.isInteger(version) ? version : null;
}

export function defineRecord<T extends { version: number }, D, K extends string>(spec: RecordSpec<T, D, K>): StoredRecord<T, D, K> {
  const { key, area, version, schema, migrations = {}, legacyKey, fallback } = spec;

  /** Run the value through each step from `from` to the current version, then the current schema. */
  function upgrade(from: number, raw: unknown): T {
    let value = raw;
    for (let v = from; v < version; v++) {
      const step = migrations[v];
      if (!step) throw new Error(`no migration from version ${v}`);
      value = step(value);
    }
    return schema.parse(value);
  }

  /** A fresh copy each time: a caller that changes what it read must not change the default. */
  const safeDefault = (): D => structuredClone(fallback);

  async function unreadable(sourceKey: string, raw: unknown, problem: string): Promise<ReadResult<D>> {
    await setAside(area, sourceKey, raw, problem).catch(() => undefined);
    return { value: safeDefault(), problem };
  }

  /** An older value made current is stored again, so the migration runs once. */
  async function migrated(sourceKey: string, from: number, raw: unknown): Promise<ReadResult<T | D>> {
    let value: T;
    try {
      value = upgrade(from, raw);
    } catch (error) {
      return unreadable(sourceKey, raw, `version ${from}: ${describe(error)}`);
    }
    try {
      await set(area, key, value);
      if (sourceKey !== key) await storageArea(area).remove(sourceKey);
    } catch (error) {
      // The value is good; storing it again is only an optimisation and is retried next read.
      console.warn(`AUP Guard: could not store migrated ${key}`, error);
    }
    return { value, problem: null };
  }

  async function inspect(): Promise<ReadResult<T | D>> {
    const raw = await get(area, key);
    if (raw === undefined) {
      const old = legacyKey ? await get(area, legacyKey.key) : undefined;
      if (legacyKey && old !== undefined) return migrated(legacyKey.key, legacyKey.version, old);
      return { value: safeDefault(), problem: null };
    }
    const stored = versionOf(raw);
    if (stored === version) {
      const parsed = schema.safeParse(raw);
      return parsed.success ? { value: parsed.data, problem: null } : unreadable(key, raw, describe(parsed.error));
    }
    if (stored === null) return unreadable(key, raw, 'no version');
    if (stored > version) return unreadable(key, raw, `version ${stored} is newer than this extension knows (${version})`);
    return migrated(key, stored, raw);
  }

  return {
    key,
    area,
    version,
    legacyKey: legacyKey?.key ?? null,
    inspect,
    read: async () => (await inspect()).value,
    // Checked on the way in too: a value the next read would refuse (and replace by the default)
    // must fail here, loudly, while the caller still has the good one.
    write: (value) => set(area, key, schema.parse(value)),
  };
}
