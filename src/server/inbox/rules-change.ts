import type { StoredReport } from '../report-store.ts';

/**
 * The change to rules/ that would act on a report, as text ICT can paste and then publish with
 * `aup check && aup test && aup build`. Never applied by the server: rules/ lives in git.
 */
export function rulesChange(r: StoredReport): { title: string; file: string; text: string } {
  if (r.kind === 'wrongly-blocked') {
    const id = `allow-${r.host.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`.slice(0, 60);
    return {
      title: 'To unblock this site, add an exemption',
      file: 'rules/policy.yaml (under exemptions:)',
      text: [
        `  - id: ${id}`,
        `    reason: Reported as wrongly blocked (${r.receipt})`,
        '    hosts:',
        `      - ${r.host}`,
      ].join('\n'),
    };
  }
  const category = r.category || '<category>';
  return {
    title: r.kind === 'inadvertent' ? 'If this site is not blocked yet, add it to its category list' : 'To block this site, add it to a category list',
    file: `rules/categories/${category}.txt (keep the file sorted; a host also covers its subdomains)`,
    text: r.host,
  };
}
