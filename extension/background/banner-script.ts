import bannerFile from '../content/banner.ts?script';
import { categoriesWith } from '../../src/decide/table.ts';
import { bannerMatchPatterns } from '../../src/dnr/banner-matches.ts';
import { setContentScript } from '../platform/scripting.ts';
import type { EnforcementContext } from './context.ts';
import { bannerScriptRecord } from './records.ts';

const SCRIPT_ID = 'aup-banner';

/**
 * Keep the banner registered for exactly the hosts whose category is allowed with a banner in
 * the current mode (none during working time). Re-registered only when that set changes
 * (record `aup.bannerScript`; unreadable or missing means register again).
 */
export async function syncBannerScript(ctx: EnforcementContext): Promise<void> {
  const { active, group, mode } = ctx;
  const categories = categoriesWith(ctx.situation.rows, 'allow-banner');
  const key = `${mode.mode}|${group.group.id}|${categories.map((c) => `${c}:${active.listVersions[c] ?? ''}`).join(',')}`;
  if ((await bannerScriptRecord.read())?.key === key) return;
  const hosts = new Set<string>();
  for (const category of categories) for (const host of await active.hostsOf(category)) hosts.add(host);
  await setContentScript(SCRIPT_ID, bannerFile, bannerMatchPatterns(hosts));
  await bannerScriptRecord.write({ version: 1, key });
}
