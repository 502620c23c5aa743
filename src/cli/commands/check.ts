import { loadRules } from '../../rules/load-rules.ts';
import { safeSearchGaps } from '../../dnr/safe-search.ts';
import { disk } from '../disk.ts';

/** `aup check [--rules DIR]`: validate policy.yaml, file-types.yaml and the category lists. */
export function check(rulesDir: string, json: boolean): void {
  const rules = loadRules(disk, rulesDir);
  const hosts = Object.values(rules.lists).reduce((n, l) => n + l.length, 0);
  // An exemption's allow rule outranks the safe-search redirect (src/dnr/safe-search.ts): say so.
  const gaps = safeSearchGaps(rules.policy).map((g) => ({
    path: `exemptions (${g.exemption})`,
    message: `covers ${g.host}: ${g.engine} is not rewritten to its safe mode there for group ${g.group} (an exemption's allow rule outranks safe search)`,
  }));
  const warnings = [...rules.warnings, ...gaps];
  const { fileTypes, approvedSources } = rules.policy.downloads;
  if (json) {
    console.log(JSON.stringify({
      ok: true, categories: rules.policy.categories.length, groups: rules.policy.groups.length, hosts,
      fileTypes: fileTypes.length, approvedDownloadSources: approvedSources.length, warnings,
    }));
    return;
  }
  for (const w of warnings) console.log(`warning: ${w.path}: ${w.message}`);
  console.log(
    `✔ ${rulesDir}: ${rules.policy.categories.length} categories, ${rules.policy.groups.length} groups, ` +
      `${Object.keys(rules.policy.schedules).length} schedules, ${rules.policy.exemptions.length} exemptions, ${hosts} hosts, ` +
      `${fileTypes.length} file-type classes (${fileTypes.map((t) => t.id).join(', ') || 'none'}), ${approvedSources.length} approved download sources. ` +
      `Default group: ${rules.policy.defaultGroup}; strictest: ${rules.policy.strictestGroup}.`,
  );
}
