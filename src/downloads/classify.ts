import type { Mode } from '../policy/actions.ts';
import type { CompiledPolicy } from '../policy/compiled-schema.ts';
import { DOWNLOAD_SEVERITY, type CompiledDownloads, type CompiledFileType, type DownloadAction } from '../policy/downloads-schema.ts';
import { hostFromUrl, hostSuffixes } from '../match/host.ts';
import { downloadName, extensionOf, mimeEssence } from './file-name.ts';

/**
 * What the browser knows about a download when it must decide (the browser part passes the
 * downloads API's fields): the URL the file is served from after redirects, the file name it
 * was given (Content-Disposition) if any, the MIME type the server sent, and the page it came
 * from.
 */
export type DownloadFacts = {
  url: string;
  filename?: string | null;
  mime?: string | null;
  /** Shown and recorded, never an exemption: a page on a trusted host can link to any file anywhere. */
  referrer?: string | null;
};

export type MatchedClass = { fileType: CompiledFileType; by: Array<'extension' | 'mime'> };

export type DownloadClassification = {
  /** The name the file gets on disk (show it as text, never as markup). */
  name: string;
  extension: string | null;
  mime: string | null;
  /** Every class the extension or the MIME type puts the file in, in file-types.yaml's order. */
  classes: MatchedClass[];
};

function mimeMatches(listed: string, mime: string): boolean {
  return listed === mime || (listed.endsWith('/*') && mime.startsWith(listed.slice(0, -1)));
}

/** The classes of a download, by the extension that decides how it opens AND by its MIME type. */
export function classifyDownload(downloads: CompiledDownloads, facts: DownloadFacts): DownloadClassification {
  const name = downloadName(facts.filename, facts.url);
  const extension = extensionOf(name);
  const mime = mimeEssence(facts.mime);
  const classes: MatchedClass[] = [];
  for (const fileType of downloads.fileTypes) {
    const by: MatchedClass['by'] = [];
    if (extension !== null && fileType.extensions.includes(extension)) by.push('extension');
    if (mime !== null && fileType.mimeTypes.some((m) => mimeMatches(m, mime))) by.push('mime');
    if (by.length > 0) classes.push({ fileType, by });
  }
  return { name, extension, mime, classes };
}

/** The approved source that serves this URL (its host or a parent), or null. */
export function approvedSourceOf(downloads: CompiledDownloads, url: string): CompiledDownloads['approvedSources'][number] | null {
  const host = hostFromUrl(url);
  if (!host.ok) return null;
  const suffixes = new Set(hostSuffixes(host.host));
  return downloads.approvedSources.find((s) => suffixes.has(s.host)) ?? null;
}

export type DownloadDecision = DownloadClassification & {
  action: DownloadAction;
  /** The class whose action decided (the strictest; on a tie the first in file-types.yaml), or null. */
  deciding: CompiledFileType | null;
  /** Set when an approved source allowed what the classes alone would not have. */
  approvedSource: { host: string; reason: string } | null;
  /** What the classes alone would have done (equal to `action` unless an approved source decided). */
  byClass: DownloadAction;
  group: string;
  mode: Mode;
  reason: string;
};

/**
 * The decision for a download, for a group in a mode: the strictest action among its classes
 * (by extension and by MIME type, so neither a harmless-looking name nor a harmless-looking
 * type lets software through), unless the file is served from an approved source. A file in no
 * class is allowed, and so is everything under a policy that sets no download rules.
 */
export function decideDownload(policy: CompiledPolicy, group: string, mode: Mode, facts: DownloadFacts): DownloadDecision {
  const downloads = policy.downloads;
  const classified = classifyDownload(downloads, facts);
  const actions = downloads.byGroup[group];
  let deciding: CompiledFileType | null = null;
  let byClass: DownloadAction = 'allow';
  for (const { fileType } of classified.classes) {
    const action = actions?.[fileType.id]?.[mode] ?? 'allow';
    if (deciding === null || DOWNLOAD_SEVERITY[action] > DOWNLOAD_SEVERITY[byClass]) {
      deciding = fileType;
      byClass = action;
    }
  }
  const approved = byClass === 'allow' ? null : approvedSourceOf(downloads, facts.url);
  const action = approved ? 'allow' : byClass;
  return { ...classified, action, deciding, approvedSource: approved, byClass, group, mode, reason: reasonOf(classified, deciding, byClass, approved, actions === undefined) };
}

function reasonOf(c: DownloadClassification, deciding: CompiledFileType | null, byClass: DownloadAction, approved: DownloadDecision['approvedSource'], noRules: boolean): string {
  if (noRules) return 'this policy sets no download rules for the group';
  if (!deciding) return `"${c.name || '(no name)'}" is in no file-type class${c.mime ? ` (served as ${c.mime})` : ''}`;
  const by = c.classes.find((m) => m.fileType.id === deciding.id)!.by;
  const how = by.map((b) => (b === 'extension' ? `its extension .${c.extension}` : `its MIME type ${c.mime}`)).join(' and ');
  const base = `${deciding.title} (${deciding.id}) by ${how}: ${byClass}`;
  return approved ? `${base}, but it is served by an approved source, ${approved.host} (${approved.reason}): allow` : base;
}
