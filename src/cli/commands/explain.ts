import { decide } from '../../decide/decide.ts';
import { situationFor } from '../../decide/situation.ts';
import { siteDecisionUntil } from '../../decide/decision-changes.ts';
import { formatChangeTime } from '../../schedule/format-time.ts';
import { CliError } from '../errors.ts';
import { parseInstant } from '../local-time.ts';
import { breakStateOf, indexRules, zoneFor } from '../policy-context.ts';
import { loadRules } from '../../rules/load-rules.ts';
import { disk } from '../disk.ts';
import { acceptanceGate, gateStops } from '../../decide/acceptance.ts';
import { safeSearchExplained } from './explain-safe-search.ts';

export type ExplainArgs = {
  rulesDir: string;
  url: string;
  at: string | undefined;
  group: string | undefined;
  managed: boolean;
  breakFrom: string | undefined;
  breakMinutes: number | undefined;
  extraLists: string | undefined;
  json: boolean;
};

/** `aup explain URL`: which rule decides this URL, at this time, for this group, and why. */
export function explain(args: ExplainArgs): void {
  const rules = loadRules(disk, args.rulesDir, { extraLists: args.extraLists });
  const zone = zoneFor(rules, args.group ?? null);
  const at = args.at ? parseInstant(args.at, zone) : Date.now();
  const breakFrom = args.breakFrom ? parseInstant(args.breakFrom, zone) : null;
  const index = indexRules(rules);
  const situation = situationFor(rules.policy, {
    at,
    group: args.group ?? null,
    managed: args.managed,
    breakState: breakStateOf(breakFrom, breakFrom === null ? null : (args.breakMinutes ?? 30)),
  });
  const result = decide(index, args.url, situation);
  if (!result.ok) throw new CliError(`cannot explain "${args.url}": ${result.error}`);
  const d = result.decision;
  // What a person is told: when this site's decision changes, not when the schedule's reason does.
  const siteUntil = siteDecisionUntil(index, args.url, situation);
  const safeSearch = safeSearchExplained(rules.policy, d.group.group.id, args.url, d.action);
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  // The device's acceptances are not known here: say what happens until the person accepts.
  const gate = acceptanceGate(rules.policy, d.group.group, []);
  const beforeAcceptance = gateStops(gate, d, 'main_frame') ? 'welcome' : null;
  const told = (ms: number | null) => (ms === null ? 'no change within 14 days' : `${formatChangeTime(ms, at, zone)} ${zone} (${new Date(ms).toISOString()})`);
  if (args.json) {
    console.log(JSON.stringify({
      url: args.url, host: d.host, at: new Date(at).toISOString(), action: d.action, categories: d.categories,
      deciding: d.deciding.map((c) => c.id), matchedHost: d.matchedHost, mode: d.mode, modeReason: d.schedule.reason,
      modeUntil: iso(d.schedule.modeUntil), reasonUntil: iso(d.schedule.until), decisionUntil: iso(siteUntil),
      group: d.group.group.id, groupChosenBecause: d.group.why, rule: d.rule, reason: d.reason, beforeAcceptance,
      safeSearch: { url: safeSearch.rewrite.url, engine: safeSearch.rewrite.engine, changed: safeSearch.rewrite.changed, header: safeSearch.rewrite.header },
    }));
    return;
  }
  console.log(`URL:        ${args.url}`);
  console.log(`Host:       ${d.host}`);
  console.log(`At:         ${new Date(at).toISOString()} (${zone})`);
  console.log(`Group:      ${d.group.group.id} (${d.group.why})`);
  console.log(`Mode:       ${d.mode} (${d.schedule.reason}), until ${told(d.schedule.modeUntil)}`);
  console.log(`Categories: ${d.categories.join(', ') || '(none)'}`);
  console.log(`Action:     ${d.action.toUpperCase()}`);
  console.log(`Rule:       ${d.rule}`);
  console.log(`Why:        ${d.reason}`);
  if (gate) {
    const what = beforeAcceptance ? 'this page goes to the welcome page' : 'this page is not held back (blocked, exempt or the AUP document)';
    console.log(`AUP:        group ${d.group.group.id} must accept AUP ${gate.aupVersion}; until a device has, ${what}`);
  }
  console.log(`Changes:    ${siteUntil === null ? 'no change within 14 days' : `${d.action} until ${told(siteUntil)}`}`);
  for (const line of safeSearch.lines) console.log(line);
}
