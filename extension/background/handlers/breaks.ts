import type { BreakReply } from '../../../src/protocol/breaks.ts';
import { endSelfDeclaredBreak, startSelfDeclaredBreak } from '../../../src/schedule/self-declared.ts';
import { currentContext } from '../context.ts';
import { readBreak, writeBreak } from '../break-state.ts';
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
let queue: Promise<unknown> = Promise.resolve();
/** One change at a time: two quick clicks must not both read the same usage. */
function serialised<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.catch(() => undefined).then(work);
  queue = next;
  return next;
}

/** The rules of the new mode, at once (the same path as the mode alarm's). */
const applyNewMode = () => enforceNow();

function startBreak(minutes: number): Promise<BreakReply> {
  return serialised(async () => {
    const now = Date.now();
    const ctx = await currentContext(now);
    const schedule = ctx.situation.schedule;
    if (!schedule) return { type: 'break', ok: false, reason: 'no-schedule' };
    const stored = await readBreak();
    const result = startSelfDeclaredBreak(schedule, now, stored.state, stored.usage, minutes);
    if (!result.ok) return { type: 'break', ok: false, reason: result.reason };
    await writeBreak({ state: result.state, usage: result.usage });
    const charged = result.usage.minutesUsed - (stored.usage?.date === result.usage.date ? stored.usage.minutesUsed : 0);
    await recordEvent({ kind: 'break-start', at: new Date(now).toISOString(), endsAt: new Date(result.endsAt).toISOString(), minutes: charged });
    await applyNewMode();
    return { type: 'break', ok: true, endsAt: result.endsAt };
  });
}

function endBreak(): Promise<BreakReply> {
  return serialised(async () => {
    const now = Date.now();
    const ctx = await currentContext(now);
    const schedule = ctx.situation.schedule;
    if (!schedule) return { type: 'break', ok: false, reason: 'no-schedule' };
    const stored = await readBreak();
    if (stored.state.selfDeclared === null) return { type: 'break', ok: true, endsAt: null };
    const result = endSelfDeclaredBreak(schedule, now, stored.state, stored.usage);
    await writeBreak(result);
    const wasOn = now < stored.state.selfDeclared.endsAt;
    if (wasOn) {
      const before = stored.usage?.date === result.usage.date ? stored.usage.minutesUsed : result.usage.minutesUsed;
      await recordEvent({ kind: 'break-end', at: new Date(now).toISOString(), minutesBack: Math.max(0, before - result.usage.minutesUsed) });
    }
    await applyNewMode();
    return { type: 'break', ok: true, endsAt: null };
  });
}

export const breakRoutes = [
  // The popup and options page only: a web page must not start anyone's break.
  route('break/start', 'extension-page', (m) => startBreak(m.minutes)),
  route('break/end', 'extension-page', () => endBreak()),
];
