import { safeSearchUrl } from '../../dnr/safe-search.ts';
import { SAFE_SEARCH_OFF } from '../../policy/downloads-schema.ts';
import type { CompiledPolicy } from '../../policy/compiled-schema.ts';

/** The safe-search lines of `aup explain URL`: the rewrite the browser makes, and the YouTube header. */
export function safeSearchExplained(policy: CompiledPolicy, group: string, url: string) {
  const rewrite = safeSearchUrl(url, policy.safeSearch[group] ?? SAFE_SEARCH_OFF);
  const lines: string[] = [];
  if (rewrite.engine) lines.push(`Safe search: ${rewrite.changed ? `rewritten to ${rewrite.url}` : 'already safe: requested as it is'} (${rewrite.engine})`);
  if (rewrite.header) lines.push(`Safe search: request header ${rewrite.header.name}: ${rewrite.header.value}`);
  return { rewrite, lines };
}
