import { z } from 'zod';
import { decideDownload } from '../../downloads/classify.ts';
import { situationFor } from '../../decide/situation.ts';
import { safeSearchUrl } from '../../dnr/safe-search.ts';
import { DownloadAction } from '../../policy/downloads-schema.ts';
import { parseInstant } from '../local-time.ts';
import { breakStateOf, zoneFor } from '../policy-context.ts';
import type { LoadedRules } from '../../rules/load-rules.ts';

/**
 * ICT's expectations about downloads and safe search, beside the page expectations in the same
 * rules/tests/*.yaml files. A case says which kind it is by its key: `url` (a page, test.ts),
 * `download`, or `search`.
 */
export const DownloadCase = z.strictObject({
  name: z.string().min(1),
  download: z.strictObject({ url: z.string().min(1), mime: z.string().optional(), filename: z.string().optional() }),
  at: z.string().min(1),
  group: z.string().min(1),
  managed: z.boolean().default(false),
  selfDeclaredBreak: z.strictObject({ from: z.string(), minutes: z.number().int().positive() }).optional(),
  expect: z.strictObject({ action: DownloadAction, class: z.string().optional(), approvedSource: z.boolean().optional() }),
});

export const SearchCase = z.strictObject({
  name: z.string().min(1),
  search: z.string().min(1),
  group: z.string().min(1),
  /** The URL the browser requests instead (the same URL when nothing changes), and/or the YouTube header. */
  expect: z.strictObject({ url: z.string().min(1).optional(), youtubeRestrict: z.enum(['Strict', 'Moderate', 'none']).optional() })
    .refine((e) => e.url !== undefined || e.youtubeRestrict !== undefined, 'expect a url, a youtubeRestrict, or both'),
});

export type Checked = { passed: boolean; detail: string };

export function runDownloadCase(rules: LoadedRules, c: z.infer<typeof DownloadCase>): Checked {
  const zone = zoneFor(rules, c.group);
  const from = c.selfDeclaredBreak ? parseInstant(c.selfDeclaredBreak.from, zone) : null;
  const situation = situationFor(rules.policy, {
    at: parseInstant(c.at, zone), group: c.group, managed: c.managed, breakState: breakStateOf(from, c.selfDeclaredBreak?.minutes ?? null),
  });
  const d = decideDownload(rules.policy, situation.group.group.id, situation.mode.mode, { url: c.download.url, mime: c.download.mime ?? null, filename: c.download.filename ?? null });
  const wrong: string[] = [];
  if (d.action !== c.expect.action) wrong.push(`action ${d.action}, expected ${c.expect.action}`);
  if (c.expect.class !== undefined && d.deciding?.id !== c.expect.class) wrong.push(`decided by class ${d.deciding?.id ?? 'none'}, expected ${c.expect.class}`);
  if (c.expect.approvedSource !== undefined && (d.approvedSource !== null) !== c.expect.approvedSource) {
    wrong.push(c.expect.approvedSource ? 'not from an approved source' : `from the approved source ${d.approvedSource!.host}`);
  }
  return { passed: wrong.length === 0, detail: wrong.length ? `${wrong.join('; ')} — ${d.reason}` : d.reason };
}

export function runSearchCase(rules: LoadedRules, c: z.infer<typeof SearchCase>): Checked {
  const settings = rules.policy.safeSearch[c.group];
  if (!settings) return { passed: false, detail: `no group "${c.group}" in the policy` };
  const r = safeSearchUrl(c.search, settings);
  const wrong: string[] = [];
  if (c.expect.url !== undefined && r.url !== c.expect.url) wrong.push(`requested as ${r.url}, expected ${c.expect.url}`);
  const header = r.header?.value ?? 'none';
  if (c.expect.youtubeRestrict !== undefined && header !== c.expect.youtubeRestrict) wrong.push(`YouTube-Restrict ${header}, expected ${c.expect.youtubeRestrict}`);
  const said = r.engine ? (r.changed ? `rewritten to ${r.url}` : 'already safe') : 'not a search the rules rewrite';
  return { passed: wrong.length === 0, detail: wrong.length ? `${wrong.join('; ')} — ${said}` : said };
}
