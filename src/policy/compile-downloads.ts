import type { PolicySource } from './source-schema.ts';
import type { CompiledDownloads, CompiledSafeSearch, DownloadModeActions, DownloadRule } from './downloads-schema.ts';
import { normalizeHost } from '../match/host.ts';
import type { TextCollector } from './policy-text.ts';

type Problem = { path: string; message: string };

function perMode(rule: DownloadRule): DownloadModeActions {
  return typeof rule === 'string' ? { work: rule, break: rule, personal: rule } : rule;
}

/**
 * The downloads and safe-search blocks of the compiled policy, with every cross-reference
 * checked (a group naming an unknown class, an extension or MIME type in two classes, a host
 * that is not one). Problems are pushed with the path ICT must edit; paths under `fileTypes.`
 * are in rules/file-types.yaml (the loader names that file).
 */
export function compileDownloads(source: PolicySource, problems: Problem[], texts: TextCollector): { downloads: CompiledDownloads; safeSearch: CompiledSafeSearch } {
  const classes = Object.entries(source.fileTypes?.classes ?? {});
  const ownerOf = new Map<string, string>();
  for (const [id, c] of classes) {
    for (const [what, values] of [['extensions', c.extensions], ['mimeTypes', c.mimeTypes]] as const) {
      values.forEach((value, i) => {
        const key = `${what}:${value}`;
        const owner = ownerOf.get(key);
        // One value, one class: otherwise which class explains a download depends on the order.
        if (owner !== undefined) problems.push({ path: `fileTypes.classes.${id}.${what}.${i}`, message: `"${value}" is already in class "${owner}"` });
        else ownerOf.set(key, id);
      });
    }
  }
  const fileTypes = classes.map(([id, c]) => ({
    id,
    title: texts.take(`fileTypes.classes.${id}.title`, c.title),
    clause: texts.take(`fileTypes.classes.${id}.clause`, c.clause),
    description: texts.take(`fileTypes.classes.${id}.description`, c.description) ?? null,
    extensions: [...new Set(c.extensions)], mimeTypes: [...new Set(c.mimeTypes)],
  }));

  const byGroup: CompiledDownloads['byGroup'] = {};
  const safeSearch: CompiledSafeSearch = {};
  for (const [groupId, group] of Object.entries(source.groups).sort(([a], [b]) => a.localeCompare(b))) {
    for (const named of Object.keys(group.downloads)) {
      if (!classes.some(([id]) => id === named)) {
        problems.push({ path: `groups.${groupId}.downloads.${named}`, message: `unknown file-type class "${named}" (classes are defined in rules/file-types.yaml)` });
      }
    }
    byGroup[groupId] = Object.fromEntries(classes.map(([id, c]) => [id, perMode(group.downloads[id] ?? c.default)]));
    safeSearch[groupId] = group.safeSearch;
  }

  const seen = new Set<string>();
  const approvedSources: CompiledDownloads['approvedSources'] = [];
  source.approvedDownloadSources.forEach((entry, i) => {
    const host = normalizeHost(entry.host);
    const path = `approvedDownloadSources.${i}.host`;
    if (!host.ok) problems.push({ path, message: `"${entry.host}": ${host.error}` });
    // A one-label host ("com", "uk") would approve a whole top-level domain.
    else if (host.kind === 'domain' && !host.host.includes('.')) problems.push({ path, message: `"${host.host}" is a whole top-level domain: name the host that serves the files` });
    else if (seen.has(host.host)) problems.push({ path, message: `"${host.host}" is listed twice` });
    else {
      seen.add(host.host);
      approvedSources.push({ host: host.host, reason: entry.reason });
    }
  });

  return { downloads: { fileTypes, approvedSources, byGroup }, safeSearch };
}
