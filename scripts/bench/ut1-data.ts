import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { normalizeHost } from '../../src/match/host.ts';

/** The shared UT1 sample (see its README): one folder per category, each with a `domains` file. */
export const UT1_SAMPLE = '/work/shared/data/ut1-sample';

export type CategoryList = { name: string; hosts: string[] };
export type Ut1Data = { lists: CategoryList[]; skipped: number; lines: number };

/**
 * Every `domains` file under `root`, in sorted path order, so the category index of a folder is
 * stable from run to run (`supplement-shadowwhisperer/adult` is one level deeper than the rest).
 * Folders without a `domains` file are skipped; so is any line normalizeHost refuses.
 * Returns null when the folder is absent.
 */
export function loadUt1(root = UT1_SAMPLE): Ut1Data | null {
  if (!existsSync(root)) return null;
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (!entry.isDirectory()) continue;
      const folder = join(dir, entry.name);
      if (existsSync(join(folder, 'domains'))) files.push(join(folder, 'domains'));
      walk(folder);
    }
  };
  walk(root);
  let skipped = 0;
  let lines = 0;
  const lists = files.map((file) => {
    const hosts: string[] = [];
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const text = line.trim();
      if (text === '' || text.startsWith('#')) continue;
      lines++;
      const result = normalizeHost(text);
      if (result.ok) hosts.push(result.host);
      else skipped++;
    }
    return { name: relative(root, file).replace(/\/domains$/, ''), hosts };
  });
  return { lists, skipped, lines };
}
