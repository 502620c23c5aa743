import { loadRules } from '../../rules/load-rules.ts';
import { disk } from '../disk.ts';

/** `aup check [--rules DIR]`: validate policy.yaml and the category lists. */
export function check(rulesDir: string, json: boolean): void {
  const rules = loadRules(disk, rulesDir);
  const hosts = Object.values(rules.lists).reduce((n, l) => n + l.length, 0);
  if (json) {
    console.log(JSON.stringify({ ok: true, categories: rules.policy.categories.length, groups: rules.policy.groups.length, hosts, warnings: rules.warnings }));
    return;
  }
  for (const w of rules.warnings) console.log(`warning: ${w.path}: ${w.message}`);
  console.log(
    `✔ ${rulesDir}: ${rules.policy.categories.length} categories, ${rules.policy.groups.length} groups, ` +
      `${Object.keys(rules.policy.schedules).length} schedules, ${rules.policy.exemptions.length} exemptions, ${hosts} hosts. ` +
      `Default group: ${rules.policy.defaultGroup}; strictest: ${rules.policy.strictestGroup}.`,
  );
}
