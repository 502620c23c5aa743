import { z } from 'zod';
import type { BreakState } from '../../src/schedule/mode.ts';
import type { BreakUsage } from '../../src/schedule/self-declared.ts';
import { readLocal, writeLocal } from '../platform/storage.ts';

/** A self-declared break and today's usage, versioned in storage.local (it must survive restarts). */
const KEY = 'aup.breakState';
const Stored = z.object({
  version: z.literal(1),
  selfDeclared: z.object({ startedAt: z.number(), endsAt: z.number() }).nullable(),
  usage: z.object({ date: z.string(), minutesUsed: z.number() }).nullable(),
});

export type StoredBreak = { state: BreakState; usage: BreakUsage | null };

export async function readBreak(): Promise<StoredBreak> {
  const parsed = Stored.safeParse(await readLocal(KEY));
  if (!parsed.success) return { state: { selfDeclared: null }, usage: null };
  return { state: { selfDeclared: parsed.data.selfDeclared }, usage: parsed.data.usage };
}

export async function writeBreak(value: StoredBreak): Promise<void> {
  await writeLocal({ [KEY]: { version: 1, selfDeclared: value.state.selfDeclared, usage: value.usage } });
}
