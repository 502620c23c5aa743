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

/**
 * Everything ICT set by enterprise policy, or `{}` when nothing is managed. Firefox throws when
 * no managed storage exists for the add-on: that simply means "not managed".
 */
export async function readManaged(): Promise<Record<string, unknown>> {
  try {
    return (await browser.storage.managed.get(null)) as Record<string, unknown>;
  } catch {
    return {};
  }
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
