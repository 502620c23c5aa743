import { browser } from './browser.ts';

/* Content scripts registered at run time, for exactly the pages that need them. */

type Registered = { id: string; js: string[]; matches: string[]; runAt: 'document_idle'; persistAcrossSessions: boolean };

type Scripting = {
  registerContentScripts(scripts: Registered[]): Promise<void>;
  unregisterContentScripts(filter?: { ids: string[] }): Promise<void>;
  getRegisteredContentScripts(filter?: { ids: string[] }): Promise<Array<{ id: string }>>;
};

function scripting(): Scripting {
  return (browser as unknown as { scripting: Scripting }).scripting;
}

/** Register (or replace) one content script for `matches`; none at all when `matches` is empty. */
export async function setContentScript(id: string, file: string, matches: string[]): Promise<void> {
  const held = await scripting().getRegisteredContentScripts({ ids: [id] });
  if (held.length > 0) await scripting().unregisterContentScripts({ ids: [id] });
  if (matches.length === 0) return;
  await scripting().registerContentScripts([{ id, js: [file], matches, runAt: 'document_idle', persistAcrossSessions: true }]);
}
