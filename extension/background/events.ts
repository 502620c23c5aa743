import { eventRetentionDays } from '../../src/policy/compiled-schema.ts';
import { ensureDailyAlarm } from '../platform/alarms.ts';
import { activePolicy } from './active-policy.ts';
import { eventsRecord, type AupEvent } from './records.ts';

/**
 * What the extension records about the person using it, kept on the device and shown to them
 * on the options page (transparency): record `aup.events`. Bounded twice: the oldest entries go
 * first past MAX_EVENTS, and every entry goes once it is older than the policy's retention
 * period (`retention.eventDays` in rules/; DEFAULT_EVENT_RETENTION_DAYS when the bundle has none).
 *
 * Expiry runs at worker start, on a daily alarm, and at each write: start covers a device that
 * was off for weeks, the alarm a browser left open for weeks (the worker wakes for it), and the
 * write is free (the whole list is rewritten anyway). The options page also never shows an
 * expired entry that the alarm has not reached yet.
 */
const MAX_EVENTS = 500;
const DAY_MS = 86_400_000;
export const EVENTS_ALARM = 'events-expiry';

export type { AupEvent };

function minimalUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '';
  }
}

/** The events still within `days` of `now`; one without a readable date cannot be shown to be recent, so it goes. */
export function withinRetention(events: readonly AupEvent[], days: number, now: number): AupEvent[] {
  const cutoff = now - days * DAY_MS;
  return events.filter((e) => {
    const at = Date.parse(e.at);
    return Number.isFinite(at) && at >= cutoff;
  });
}

/** The retention period of the policy in force (the baseline's when no bundle is). */
export async function retentionDays(): Promise<number> {
  return eventRetentionDays((await activePolicy()).policy);
}

/** What is recorded now, without anything past the retention period. */
export async function readEvents(now = Date.now()): Promise<AupEvent[]> {
  return withinRetention((await eventsRecord.read()).events, await retentionDays(), now);
}

export async function recordEvent(event: AupEvent, now = Date.now()): Promise<void> {
  const stored = event.kind === 'warn-continue' ? { ...event, url: minimalUrl(event.url) } : event;
  const events = [...(await readEvents(now)), stored].slice(-MAX_EVENTS);
  await eventsRecord.write({ version: 2, events });
}

/** Deletes what is past the retention period; how many went (nothing is written when none). */
export async function expireEvents(now = Date.now()): Promise<number> {
  const stored = (await eventsRecord.read()).events;
  const kept = withinRetention(stored, await retentionDays(), now);
  if (kept.length !== stored.length) await eventsRecord.write({ version: 2, events: kept });
  return stored.length - kept.length;
}

/** At worker start: expire now, and make sure the daily alarm exists. */
export async function startEventExpiry(): Promise<void> {
  await ensureDailyAlarm(EVENTS_ALARM);
  await expireEvents();
}
