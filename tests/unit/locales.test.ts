import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/import-graph.ts';
import { keyTakers, keysReferencedBy, placeholderDefinitions, placeholderRefs, readLocale, unusedKeys } from './support/locale-keys.ts';

/*
 * Every locale says everything, and only what the code asks for: the same keys and placeholders
 * in en_GB and cy, no message without text, no Welsh message left in English, and no key that
 * no page, the worker, the banner or the manifest can look up.
 */

const DEFAULT_LOCALE = 'en_GB';
const LOCALES = ['en_GB', 'cy'] as const;

/** Messages that are the same in Welsh: the product name, and messages made only of placeholders. */
const SAME_IN_EVERY_LANGUAGE = new Set(['extName', 'extShortName', 'factGroupValue', 'bannerWhyNamedBreak']);

const messages = Object.fromEntries(LOCALES.map((locale) => [locale, readLocale(locale)]));
const english = messages[DEFAULT_LOCALE]!;

/** What can look a message up: extension source (not its tests) and the manifest (`__MSG_name__`). */
function codeThatTranslates(): Map<string, string> {
  const files = readdirSync(resolve(ROOT, 'extension'), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|html)$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => `extension/${f.split('\\').join('/')}`);
  files.push('manifest.config.ts');
  return new Map(files.map((f) => [f, readFileSync(resolve(ROOT, f), 'utf8')]));
}

describe('the key scanner', () => {
  it('finds direct t() calls, keys in the tables of computed calls, and __MSG_ names', () => {
    const code = new Map([
      ['a.ts', "t('direct'); const kind = 'notAKey';"],
      ['b.tsx', "const TABLE = { x: 'fromTable' }; type S = { kind: 'typeOnly' }; if (s === 'compared') t(TABLE[k]);"],
      ['c.tsx', "export function mount(page: P, titleKey: string) { document.title = t(titleKey); }"],
      ['d.tsx', "mount(Page, 'viaMount'); other(Page, 'notViaMount');"],
      ['manifest.config.ts', "name: '__MSG_fromManifest__'"],
    ]);
    const keys = ['direct', 'notAKey', 'fromTable', 'typeOnly', 'compared', 'viaMount', 'notViaMount', 'fromManifest', 'nowhere'];
    expect(unusedKeys(keys, code)).toEqual(['compared', 'notAKey', 'notViaMount', 'nowhere', 'typeOnly']);
  });

  it('reads the placeholders of a message case-insensitively, and $$ as a dollar sign', () => {
    expect([...placeholderRefs('Policy $SERIAL$ costs $$5 until $until$.')]).toEqual(['serial', 'until']);
  });
});

describe.each(LOCALES)('the %s messages', (locale) => {
  const file = messages[locale]!;

  it('have exactly the keys of en_GB', () => {
    const keys = Object.keys(file);
    expect(keys.filter((k) => !(k in english)), `keys in ${locale} but not en_GB`).toEqual([]);
    expect(Object.keys(english).filter((k) => !(k in file)), `keys missing from ${locale}`).toEqual([]);
  });

  it('name their own language (intlLocale: dates, times and lang follow the messages shown)', () => {
    expect(file.intlLocale?.message).toBe(locale.replace('_', '-'));
  });

  it('have names the browsers accept, and no empty message', () => {
    for (const [key, entry] of Object.entries(file)) {
      expect(key, 'a key').toMatch(/^[A-Za-z0-9_@]+$/);
      expect(entry.message.trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it('define every placeholder they use, and use every placeholder they define', () => {
    for (const [key, entry] of Object.entries(file)) {
      const defined = Object.keys(entry.placeholders ?? {}).map((n) => n.toLowerCase()).sort();
      expect([...placeholderRefs(entry.message)].sort(), `${locale} ${key}: $NAME$ in the message vs placeholders`).toEqual(defined);
    }
  });

  it('define the same placeholders as en_GB (names and $1-style content)', () => {
    for (const [key, entry] of Object.entries(file)) {
      const theirs = english[key];
      if (theirs) expect(placeholderDefinitions(entry), `${locale} ${key}`).toEqual(placeholderDefinitions(theirs));
    }
  });
});

describe('the Welsh messages', () => {
  it('are translated: none is a copy of the English, except those listed', () => {
    const welsh = messages.cy!;
    const copies = Object.keys(welsh).filter((k) => english[k]?.message === welsh[k]!.message && !SAME_IN_EVERY_LANGUAGE.has(k));
    expect(copies, 'cy messages identical to en_GB').toEqual([]);
    for (const key of SAME_IN_EVERY_LANGUAGE) expect(welsh[key]?.message, `${key} is listed as the same`).toBe(english[key]?.message);
  });
});

describe('every key', () => {
  const code = codeThatTranslates();

  it('has code that can look it up (direct, from a table of keys, or in the manifest)', () => {
    expect(unusedKeys(Object.keys(english), code)).toEqual([]);
  });

  it('is found through each kind of reference (a guard against the scan passing vacuously)', () => {
    const takers = keyTakers(code);
    expect([...takers.keys()].sort(), 'functions that take a message key').toEqual(['getMessage', 'mount', 't']);
    const all = [...code].map(([name, text]) => keysReferencedBy(name, text, takers));
    const direct = new Set(all.flatMap((f) => [...f.direct]));
    expect(direct.size).toBeGreaterThan(100);
    expect(direct.has('myReportKindInadvertent'), 'only in a table of keys').toBe(false);
    expect(all.some((f) => f.dynamic && f.candidates.has('myReportKindInadvertent'))).toBe(true);
    expect(direct.has('warnTitle'), 'only through mount()').toBe(true);
    expect(direct.has('intlLocale'), 'only through browser.i18n.getMessage()').toBe(true);
    expect(all.some((f) => f.candidates.has('extName'))).toBe(true);
  });
});
