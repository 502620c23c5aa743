import { browser } from './browser.ts';

/*
 * storage.managed (ICT's configuration) and change notifications. Records in storage.local and
 * storage.session are read and written only through ./stored-record.ts, which validates them.
 */

async function getManaged(): Promise<Record<string, unknown>> {
  try {
    return (await browser.storage.managed.get(null)) as Record<string, unknown>;
  } catch {
    // Firefox throws when no managed storage exists for the add-on: simply "not managed".
    return {};
  }
}

/**
 * Reading managed storage can be slow (right after install Chrome takes about 2.5 s, measured)
 * or, under load, never answer at all (seen in Chromium: the worker's read hung while a page's
 * answered in 3 s). So no caller ever waits on the browser for long: each read is raced against
 * a short wait and falls back to the last answer the browser gave (null: it never has, so the
 * device counts as managed and pending). A read that has not answered within STALL_MS is
 * abandoned and asked again, and until a first answer arrives it is retried on a timer.
 */
const FIRST_WAIT_MS = 300;
const SETTLED_WAIT_MS = 3_000;
const STALL_MS = 5_000;
const RETRY_MAX_MS = 60_000;

let lastAnswer: Record<string, unknown> | null = null;
let inFlight: { promise: Promise<Record<string, unknown>>; since: number } | null = null;
let retryMs = STALL_MS;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
/** Some caller was told "not known yet" (null) and acted on it: it must hear when the answer comes. */
let toldPending = false;
const settledListeners: Array<() => void> = [];

function ask(): Promise<Record<string, unknown>> {
  if (inFlight && Date.now() - inFlight.since < STALL_MS) return inFlight.promise;
  const promise = getManaged().then((values) => {
    const first = lastAnswer === null;
    lastAnswer = values;
    if (inFlight?.promise === promise) inFlight = null;
    if (first && toldPending) for (const listener of settledListeners) listener();
    return values;
  });
  inFlight = { promise, since: Date.now() };
  return promise;
}

/** Until the browser has answered once, ask again with back-off (the worker may have nothing else to do). */
function retryUntilAnswered(): void {
  if (lastAnswer !== null || retryTimer !== null) return;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    void ask();
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    retryUntilAnswered();
  }, retryMs);
}

/**
 * Everything ICT set by enterprise policy, `{}` when nothing is managed, or `null` when the
 * browser has not answered yet. Listeners of `onManagedSettled` hear when it first does.
 */
export async function readManaged(waitMs = lastAnswer === null ? FIRST_WAIT_MS : SETTLED_WAIT_MS): Promise<Record<string, unknown> | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waited = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), waitMs)));
  const answer = await Promise.race([ask(), waited]);
  clearTimeout(timer);
  if (answer !== 'late') return answer;
  if (lastAnswer === null) {
    toldPending = true;
    retryUntilAnswered();
  }
  return lastAnswer;
}

/**
 * Called once, when the browser first answers a read of managed storage after some caller was
 * told "not known yet" (a prompt answer needs no second round: nobody decided without it).
 */
export function onManagedSettled(listener: () => void): void {
  settledListeners.push(listener);
}

/** Called when ICT's managed configuration arrives or changes (it can arrive seconds after install). */
export function onManagedChanged(listener: () => void): void {
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') listener();
  });
}

/** Any change to what the extension keeps or to ICT's settings (pages refresh what they show); returns "stop listening". */
export function onStorageChanged(listener: () => void): () => void {
  const handler = (_changes: unknown, area: string) => {
    if (area === 'local' || area === 'managed') listener();
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}

export function onLocalChanged(listener: (keys: string[]) => void): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local') listener(Object.keys(changes));
  });
}
