import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { normalizeHost } from '../../match/host.ts';
import { pruneCoveredHosts } from '../../lists/prune-hosts.ts';
import { CliError } from '../errors.ts';
import { readYaml } from '../../rules/load-rules.ts';
import { disk } from '../disk.ts';

const Ut1Map = z.strictObject({
  source: z.literal('ut1'),
  map: z.record(z.string(), z.array(z.string().min(1)).min(1)),
});

export const UT1_ATTRIBUTION =
  'Category data from the UT1 blacklists, Université Toulouse 1 Capitole (Fabrice Prigent), licensed CC BY-SA 4.0: https://dsi.ut-capitole.fr/blacklists/';

export type ImportSummary = Record<string, { hosts: number; skipped: number; urlsIgnored: number; folders: string[] }>;

/**
 * `aup import-ut1 DIR --map FILE --out DIR`: turn UT1's one-folder-per-category `domains` files
 * into one list per policy category (normalised, de-duplicated, pruned), ready for
 * `aup build --extra-lists`. UT1 `urls` (path prefixes) are counted but not imported yet.
 */
export function importUt1(source: string, mapFile: string, out: string, json: boolean): ImportSummary {
  if (!existsSync(source)) throw new CliError(`no such folder: ${source}`);
  const parsed = Ut1Map.safeParse(readYaml(disk, mapFile));
  if (!parsed.success) throw new CliError(`${mapFile}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  mkdirSync(out, { recursive: true });
  const summary: ImportSummary = {};
  for (const [category, folders] of Object.entries(parsed.data.map).sort(([a], [b]) => a.localeCompare(b))) {
    const hosts: string[] = [];
    let skipped = 0;
    let urlsIgnored = 0;
    const found: string[] = [];
    for (const folder of folders) {
      const domains = join(source, folder, 'domains');
      if (!existsSync(domains)) continue;
      found.push(folder);
      for (const line of readFileSync(domains, 'utf8').split('\n')) {
        const entry = line.trim();
        if (!entry || entry.startsWith('#')) continue;
        const host = normalizeHost(entry);
        if (host.ok) hosts.push(host.host);
        else skipped++;
      }
      const urls = join(source, folder, 'urls');
      if (existsSync(urls)) urlsIgnored += readFileSync(urls, 'utf8').split('\n').filter((l) => l.trim()).length;
    }
    const pruned = pruneCoveredHosts(hosts);
    writeFileSync(join(out, `${category}.txt`), pruned.join('\n') + (pruned.length ? '\n' : ''));
    summary[category] = { hosts: pruned.length, skipped, urlsIgnored, folders: found };
  }
  writeFileSync(join(out, 'ATTRIBUTION'), UT1_ATTRIBUTION + '\n');
  if (json) console.log(JSON.stringify({ out, categories: summary }));
  else {
    for (const [category, s] of Object.entries(summary)) {
      console.log(`${category.padEnd(20)} ${String(s.hosts).padStart(8)} hosts  from ${s.folders.join(', ') || '(no folder found)'}${s.skipped ? `  (${s.skipped} invalid lines skipped)` : ''}`);
    }
    console.log(`✔ wrote ${Object.keys(summary).length} lists to ${out}; build with: aup build --extra-lists ${out}`);
  }
  return summary;
}
