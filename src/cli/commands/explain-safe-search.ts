import { safeSearchUrl } from '../../dnr/safe-search.ts';
import { SAFE_SEARCH_OFF } from '../../policy/downloads-schema.ts';
import type { CompiledPolicy } from '../../policy/compiled-schema.ts';

/**
 * The safe-search lines of `aup explain URL`: the rewrite the browser makes, and the YouTube
 * header. A page the block or warn page stops is never requested, so neither applies to it then.
 */
export function safeSearchExplained(policy: CompiledPolicy, group: string, url: string, action: string) {
  const rewrite = safeSearchUrl(url, policy.safeSearch[group] ?? SAFE_SEARCH_OFF);
  const when = action === 'block' ? ' (not now: the page is blocked, so never requested)' : action === 'warn' ? ' (once past the warn page)' : '';
  const lines: string[] = [];
  if (rewrite.engine) lines.push(`Safe search: ${rewrite.changed ? `rewritten to ${rewrite.url}` : 'already safe: requested as it is'} (${rewrite.engine})${when}`);
  if (rewrite.header) lines.push(`Safe search: request header ${rewrite.header.name}: ${rewrite.header.value}${when}`);
  return { rewrite, lines };
}
