import bannerFile from '../content/banner.ts?script';
import { categoriesWith } from '../../src/decide/table.ts';
import { bannerMatchPatterns } from '../../src/dnr/banner-matches.ts';
import { setContentScript } from '../platform/scripting.ts';
import { readSession, writeSession } from '../platform/storage.ts';
import type { EnforcementContext } from './context.ts';

const SCRIPT_ID = 'aup-banner';
const KEY = 'aup.bannerScript';

/**
 * Keep the banner registered for exactly the hosts whose category is allowed with a banner in
 * the current mode (none during working time). Re-registered only when that set changes.
 */
export async function syncBannerScript(ctx: EnforcementContext): Promise<void> {
  const { active, group, mode } = ctx;
  const categories = categoriesWith(ctx.situation.rows, 'allow-banner');
  const key = `${mode.mode}|${group.group.id}|${categories.map((c) => `${c}:${active.listVersions[c] ?? ''}`).join(',')}`;
  const stored = (await readSession(KEY)) as { version?: number; key?: string } | undefined;
  if (stored?.version === 1 && stored.key === key) return;
  const hosts = new Set<string>();
  for (const category of categories) for (const host of await active.hostsOf(category)) hosts.add(host);
  await setContentScript(SCRIPT_ID, bannerFile, bannerMatchPatterns(hosts));
  await writeSession({ [KEY]: { version: 1, key } });
}
