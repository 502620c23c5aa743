import { readdirSync, readFileSync } from 'node:fs';
import type { RulesFiles } from '../src/rules/load-rules.ts';

/*
 * rules/ as the build reads it. The CLI has its own two lines (src/cli/disk.ts): the build must
 * not import the CLI, and the pure loader cannot hold Node code.
 */
const orNull = <T>(read: () => T): T | null => {
  try {
    return read();
  } catch {
    return null;
  }
};
export const rulesDisk: RulesFiles = { read: (p) => orNull(() => readFileSync(p, 'utf8')), list: (d) => orNull(() => readdirSync(d)) };
