import { eventsRecord, type AupEvent } from './records.ts';

/**
 * What the extension records about the person using it, kept on the device and shown to them
 * on the options page (transparency): record `aup.events`. Bounded: the oldest entries go first.
 */
const MAX_EVENTS = 500;

export type { AupEvent };

function minimalUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '';
  }
}

export async function readEvents(): Promise<AupEvent[]> {
  return (await eventsRecord.read()).events;
}

export async function recordEvent(event: AupEvent): Promise<void> {
  const stored = event.kind === 'warn-continue' ? { ...event, url: minimalUrl(event.url) } : event;
  const events = [...(await readEvents()), stored].slice(-MAX_EVENTS);
  await eventsRecord.write({ version: 2, events });
}
