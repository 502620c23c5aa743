import { readdirSync, readFileSync } from 'node:fs';
import type { RulesFiles } from '../rules/load-rules.ts';

/** rules/ as the CLI reads it: the file system (the loader itself is pure). */
export const disk: RulesFiles = {
  read: (path) => (attempt(() => readFileSync(path, 'utf8'))),
  list: (dir) => attempt(() => readdirSync(dir)),
};

function attempt<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}
