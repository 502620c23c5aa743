import { decideDownload } from '../../downloads/classify.ts';
import { situationFor } from '../../decide/situation.ts';
import { parseInstant } from '../local-time.ts';
import { breakStateOf, zoneFor } from '../policy-context.ts';
import { loadRules } from '../../rules/load-rules.ts';
import { disk } from '../disk.ts';
import type { ExplainArgs } from './explain.ts';

export type DownloadArgs = ExplainArgs & { mime: string | undefined; filename: string | undefined };

/** `aup explain --download URL [--mime TYPE] [--filename NAME]`: what happens to this download, and why. */
export function explainDownload(args: DownloadArgs): void {
  const rules = loadRules(disk, args.rulesDir);
  const zone = zoneFor(rules, args.group ?? null);
  const at = args.at ? parseInstant(args.at, zone) : Date.now();
  const breakFrom = args.breakFrom ? parseInstant(args.breakFrom, zone) : null;
  const situation = situationFor(rules.policy, {
    at, group: args.group ?? null, managed: args.managed,
    breakState: breakStateOf(breakFrom, breakFrom === null ? null : (args.breakMinutes ?? 30)),
  });
  const group = situation.group.group.id;
  const d = decideDownload(rules.policy, group, situation.mode.mode, { url: args.url, filename: args.filename ?? null, mime: args.mime ?? null });
  if (args.json) {
    console.log(JSON.stringify({
      url: args.url, name: d.name, extension: d.extension, mime: d.mime, at: new Date(at).toISOString(), group, groupChosenBecause: situation.group.why,
      mode: d.mode, action: d.action, classes: d.classes.map((c) => ({ id: c.fileType.id, by: c.by })), deciding: d.deciding?.id ?? null,
      approvedSource: d.approvedSource, byClass: d.byClass, clause: d.deciding?.clause ?? null, reason: d.reason,
    }));
    return;
  }
  console.log(`Download:   ${args.url}`);
  console.log(`File name:  ${JSON.stringify(d.name)} (extension: ${d.extension ?? 'none'}; MIME type: ${d.mime ?? 'none'})`);
  console.log(`At:         ${new Date(at).toISOString()} (${zone})`);
  console.log(`Group:      ${group} (${situation.group.why}); mode: ${d.mode}`);
  console.log(`Classes:    ${d.classes.map((c) => `${c.fileType.id} (by ${c.by.join(' and ')})`).join(', ') || '(none)'}`);
  console.log(`Action:     ${d.action.toUpperCase()}`);
  if (d.approvedSource) console.log(`Approved:   ${d.approvedSource.host} — ${d.approvedSource.reason} (the classes alone: ${d.byClass})`);
  console.log(`Why:        ${d.reason}`);
  if (d.deciding && d.action !== 'allow') console.log(`AUP:        ${d.deciding.clause}`);
}
