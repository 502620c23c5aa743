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
