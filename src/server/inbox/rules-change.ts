import type { StoredReport } from '../report-store.ts';
import type { MessageKey } from './i18n.ts';

/**
 * The change to rules/ that would act on a report, as text ICT can paste and then publish with
 * `aup check && aup test && aup build`. Never applied by the server: rules/ lives in git. The
 * title and the note on the file are words of the page (keys); the text itself is what goes into
 * the file, in the language the policy is written in, so it is not translated.
 */
export function rulesChange(r: StoredReport): { title: MessageKey; file: string; where: MessageKey; text: string } {
  if (r.kind === 'wrongly-blocked') {
    const id = `allow-${r.host.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`.slice(0, 60);
    return {
      title: 'rulesChangeExemption',
      file: 'rules/policy.yaml',
      where: 'rulesChangeExemptionWhere',
      text: [
        `  - id: ${id}`,
        `    reason: Reported as wrongly blocked (${r.receipt})`,
        '    hosts:',
        `      - ${r.host}`,
      ].join('\n'),
    };
  }
  if (r.kind === 'software-request') {
    return {
      title: 'rulesChangeApprovedSource',
      file: 'rules/policy.yaml',
      where: 'rulesChangeApprovedSourceWhere',
      text: [`  - host: ${r.host}`, `    reason: Software request (${r.receipt})`].join('\n'),
    };
  }
  return {
    title: r.kind === 'inadvertent' ? 'rulesChangeAddIfNotBlocked' : 'rulesChangeAddToBlock',
    file: `rules/categories/${r.category || '<category>'}.txt`,
    where: 'rulesChangeListWhere',
    text: r.host,
  };
}
