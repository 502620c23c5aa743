import type { Mode } from '../policy/actions.ts';
import type { CompiledPolicy } from '../policy/compiled-schema.ts';
import { decideDownload, type DownloadDecision, type DownloadFacts } from './classify.ts';

/**
 * What the browser part does with a download the moment it learns of it: leave it, or stop it
 * and explain (a `block`, or a `warn` that needs an explicit "Download anyway"). A download the
 * person has just chosen to make anyway (a one-shot grant for its URL) is left alone once, so
 * re-starting it is not stopped again; the grant is spent by that one download.
 */
export type DownloadVerdict =
  | { kind: 'leave'; why: 'allowed' | 'granted'; decision: DownloadDecision }
  | { kind: 'stop'; action: 'block' | 'warn'; decision: DownloadDecision };

export function downloadVerdict(policy: CompiledPolicy, group: string, mode: Mode, facts: DownloadFacts, grantedUrls: ReadonlySet<string>): DownloadVerdict {
  const decision = decideDownload(policy, group, mode, facts);
  if (decision.action === 'allow') return { kind: 'leave', why: 'allowed', decision };
  // Granted only for a warn: a block stays a block whatever a page asked for.
  if (decision.action === 'warn' && grantedUrls.has(facts.url)) return { kind: 'leave', why: 'granted', decision };
  return { kind: 'stop', action: decision.action, decision };
}
