import type { BreakState } from '../../src/schedule/mode.ts';
import type { BreakUsage } from '../../src/schedule/self-declared.ts';
import { breakStateRecord } from './records.ts';

/** A self-declared break and today's usage (record `aup.breakState`: it must survive restarts). */
export type StoredBreak = { state: BreakState; usage: BreakUsage | null };

export async function readBreak(): Promise<StoredBreak> {
  const stored = await breakStateRecord.read();
  return { state: { selfDeclared: stored.selfDeclared }, usage: stored.usage };
}

export async function writeBreak(value: StoredBreak): Promise<void> {
  await breakStateRecord.write({ version: 1, selfDeclared: value.state.selfDeclared, usage: value.usage });
}
