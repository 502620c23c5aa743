import { browser } from './browser.ts';

/*
 * storage.local, storage.session and storage.managed behind three small functions each.
 * Callers validate what they read with zod: stored data may be from an older version.
 */

export async function readLocal(key: string): Promise<unknown> {
  return (await browser.storage.local.get(key))[key];
}

export async function writeLocal(values: Record<string, unknown>): Promise<void> {
  await browser.storage.local.set(values);
}

export async function removeLocal(keys: string[]): Promise<void> {
  await browser.storage.local.remove(keys);
}

/** storage.session when the browser has it (in-memory, cleared at browser exit); else local. */
function sessionArea() {
  return browser.storage.session ?? browser.storage.local;
}

export async function readSession(key: string): Promise<unknown> {
  return (await sessionArea().get(key))[key];
}

export async function writeSession(values: Record<string, unknown>): Promise<void> {
  await sessionArea().set(values);
}

async function getManaged(): Promise<Record<string, unknown>> {
  try {
    return (await browser.storage.managed.get(null)) as Record<string, unknown>;
  } catch {
    // Firefox throws when no managed storage exists for the add-on: simply "not managed".
    return {};
  }
}

let managedSettled = false;
let firstManaged: Promise<Record<string, unknown>> | null = null;
const settledListeners: Array<() => void> = [];

/**
 * Everything ICT set by enterprise policy, `{}` when nothing is managed, or `null` when the
 * browser has not said yet: right after install Chrome takes about 2.5 s to answer (measured),
 * and enforcement must not wait that long. Listeners of `onManagedSettled` hear when it does.
 */
export async function readManaged(waitMs = 300): Promise<Record<string, unknown> | null> {
  if (managedSettled) return getManaged();
  firstManaged ??= getManaged().then((values) => {
    managedSettled = true;
    for (const listener of settledListeners) listener();
    return values;
  });
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), waitMs));
  return Promise.race([firstManaged, timeout]);
}

/** Called once, when a slow first read of managed storage finally answers. */
export function onManagedSettled(listener: () => void): void {
  settledListeners.push(listener);
}

/** Called when ICT's managed configuration arrives or changes (it can arrive seconds after install). */
export function onManagedChanged(listener: () => void): void {
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') listener();
  });
}

export function onLocalChanged(listener: (keys: string[]) => void): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local') listener(Object.keys(changes));
  });
}
