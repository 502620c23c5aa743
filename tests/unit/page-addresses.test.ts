import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * One page address: only src/protocol/page-location.ts builds or reads the addresses of the
 * block, warn and report pages (their query keys, the fragment convention, the page paths).
 * Anything else that spells them out would drift from it.
 */
const ROOT = join(import.meta.dirname, '../..');
const OWNER = 'src/protocol/page-location.ts';
const ADDRESS_PARTS: Array<[RegExp, string]> = [
  [/[?&](c|kind|baseline)=/, 'a query key of the block/warn/report address'],
  [/extension\/pages\//, 'the path of an extension page'],
  [/pageUrl\(\s*['"](blocked|warn|report)['"]\s*\)\s*(\+|}?`|\?)/, 'an address built on pageUrl()'],
];

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.(ts|tsx)$/.test(entry) && !/\.test\.tsx?$/.test(entry)) out.push(path);
  }
  return out;
}

export function addressBuilders(text: string): string[] {
  return ADDRESS_PARTS.filter(([pattern]) => pattern.test(text)).map(([, what]) => what);
}

describe('block, warn and report page addresses', () => {
  it('the scanner notices an address built by hand', () => {
    expect(addressBuilders("return `${pageUrl('warn')}?c=${c}#${url}`;")).not.toEqual([]);
    expect(addressBuilders("extensionUrl('extension/pages/blocked/index.html')")).not.toEqual([]);
    expect(addressBuilders("interstitialAddress(base, 'warn', c, url)")).toEqual([]);
  });

  it(`are built and parsed only in ${OWNER}`, () => {
    const files = [...['src', 'extension', 'scripts'].flatMap((d) => sources(join(ROOT, d))), join(ROOT, 'manifest.config.ts'), join(ROOT, 'vite.config.ts')];
    const offenders = files
      .map((file) => ({ file: relative(ROOT, file), what: addressBuilders(readFileSync(file, 'utf8')) }))
      .filter(({ file, what }) => file !== OWNER && what.length > 0);
    expect(offenders).toEqual([]);
  });
});
