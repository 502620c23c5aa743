import { z } from 'zod';
import { readLocal, writeLocal } from '../platform/storage.ts';

/**
 * What the extension records about the person using it, kept on the device and shown to them
 * on the options page (transparency). Bounded: the oldest entries go first.
 */
const KEY = 'aup.events';
const MAX_EVENTS = 500;

export const AupEvent = z.object({
  kind: z.enum(['warn-continue']),
  at: z.string(),
  host: z.string(),
  category: z.string(),
  /** Without query or fragment: the least that still says where. */
  url: z.string(),
});
export type AupEvent = z.infer<typeof AupEvent>;
const Stored = z.object({ version: z.literal(1), events: z.array(AupEvent) });

function minimalUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '';
  }
}

export async function readEvents(): Promise<AupEvent[]> {
  const parsed = Stored.safeParse(await readLocal(KEY));
  return parsed.success ? parsed.data.events : [];
}

export async function recordEvent(event: AupEvent): Promise<void> {
  const events = [...(await readEvents()), { ...event, url: minimalUrl(event.url) }].slice(-MAX_EVENTS);
  await writeLocal({ [KEY]: { version: 1, events } });
}
