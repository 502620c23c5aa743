import type { BreakReply } from '../../../src/protocol/breaks.ts';
import { serialQueue } from '../serial.ts';
import { endSelfDeclaredBreak, startSelfDeclaredBreak } from '../../../src/schedule/self-declared.ts';
import { currentContext } from '../context.ts';
import { readBreak, writeBreak, type StoredBreak } from '../break-state.ts';
import type { CompiledSchedule } from '../../../src/schedule/schema.ts';
import { recordEvent } from '../events.ts';
import { enforceNow } from '../pipeline.ts';
import { route } from '../router.ts';

/**
 * "Start my break" and "End my break" from the popup. The engine (src/schedule/self-declared.ts)
 * decides; the worker stores the break and today's usage (`aup.breakState`, which survives
 * restarts, so the daily cap cannot be beaten by restarting the browser), records the event for
 * the person to see, and applies the new mode's rules at once. Usage is keyed by the date in the
 * schedule's zone, so changing the device's time zone does not reset it either.
 */
/** One change at a time: two quick clicks must not both read the same usage. */
const serialised = serialQueue();

/** The rules of the new mode, at once (the same path as the mode alarm's). */
const applyNewMode = () => enforceNow();

type BreakChange = (schedule: CompiledSchedule, now: number, stored: StoredBreak) => Promise<BreakReply>;

/** One change of the break state, with the schedule of the group in force now; then the new mode's rules. */
function changeBreak(change: BreakChange): Promise<BreakReply> {
  return serialised(async () => {
    const now = Date.now();
    const schedule = (await currentContext(now)).situation.schedule;
    if (!schedule) return { type: 'break', ok: false, reason: 'no-schedule' };
    const reply = await change(schedule, now, await readBreak());
    if (reply.ok) await applyNewMode();
    return reply;
  });
}

const iso = (ms: number) => new Date(ms).toISOString();
/** Minutes used on `date` before the change (0 if the stored usage is of another day). */
const usedOn = (date: string, usage: StoredBreak['usage']) => (usage?.date === date ? usage.minutesUsed : 0);

const startBreak = (minutes: number) => changeBreak(async (schedule, now, stored) => {
  const result = startSelfDeclaredBreak(schedule, now, stored.state, stored.usage, minutes);
  if (!result.ok) return { type: 'break', ok: false, reason: result.reason };
  await writeBreak({ state: result.state, usage: result.usage });
  const charged = result.usage.minutesUsed - usedOn(result.usage.date, stored.usage);
  await recordEvent({ kind: 'break-start', at: iso(now), endsAt: iso(result.endsAt), minutes: charged });
  return { type: 'break', ok: true, endsAt: result.endsAt };
});

const endBreak = () => changeBreak(async (schedule, now, stored) => {
  const declared = stored.state.selfDeclared;
  if (declared === null || now >= declared.endsAt) return { type: 'break', ok: true, endsAt: null };
  const result = endSelfDeclaredBreak(schedule, now, stored.state, stored.usage);
  await writeBreak(result);
  const minutesBack = Math.max(0, usedOn(result.usage.date, stored.usage) - result.usage.minutesUsed);
  await recordEvent({ kind: 'break-end', at: iso(now), minutesBack });
  return { type: 'break', ok: true, endsAt: null };
});

export const breakRoutes = [
  // The popup and options page only: a web page must not start anyone's break.
  route('break/start', 'extension-page', (m) => startBreak(m.minutes)),
  route('break/end', 'extension-page', () => endBreak()),
];
