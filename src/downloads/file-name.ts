/**
 * The name a downloaded file will have on disk, and its extension, as the operating system will
 * see them — not as the URL or the server's header happen to spell them. What counts is the
 * extension that decides how Windows, macOS or Linux opens the file: the LAST one, after the
 * platform has tidied the name.
 */

/** Longer names are cut from the front: the extension is at the end, and the work stays bounded. */
export const MAX_NAME_INPUT = 4096;

/** Schemes whose path ends in a file name; a data: URL's "path" is its content. */
const NAMED_SCHEMES = new Set(['http:', 'https:', 'ftp:', 'file:']);

/**
 * Percent-decoding as browsers apply it to a name taken from a URL: once (a `%252E` stays `%2E`,
 * which is then no dot), UTF-8, and a malformed escape left as it is rather than failing the name.
 */
export function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // Decode each run of escapes that forms valid UTF-8; leave the rest.
    return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** The last segment of a URL's path, decoded; '' when the URL has none or is not a file URL. */
export function nameFromUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '';
  }
  if (!NAMED_SCHEMES.has(parsed.protocol)) return '';
  // pathname has neither the query nor the fragment; it keeps percent-escapes, decoded below.
  const segment = parsed.pathname.slice(parsed.pathname.lastIndexOf('/') + 1);
  return percentDecode(segment);
}

/**
 * A name as the file system will hold it: the last path component (a header may send
 * `..\\..\\setup.exe`), control characters removed, and trailing dots and spaces stripped, as
 * Windows does when it creates the file — `setup.exe. .` is saved, and runs, as `setup.exe`.
 */
export function tidyName(name: string): string {
  const bounded = name.length > MAX_NAME_INPUT ? name.slice(-MAX_NAME_INPUT) : name;
  const base = bounded.slice(Math.max(bounded.lastIndexOf('/'), bounded.lastIndexOf('\\')) + 1);
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return base.replace(/[\u0000-\u001f\u007f]/g, '').replace(/[. ]+$/, '');
}

/**
 * The name a download is classed by: the one the browser was given (Content-Disposition, or the
 * downloads API's filename, which may be a whole path), else the URL's last path segment.
 */
export function downloadName(filename: string | null | undefined, url: string): string {
  const given = tidyName(filename ?? '');
  return given !== '' ? given : tidyName(nameFromUrl(url));
}

/**
 * The extension that decides how the file opens: after the last dot, lower case; null without
 * one. `invoice.pdf.exe` → `exe`; `.exe` (a name that is only an extension) → `exe`.
 */
export function extensionOf(name: string): string | null {
  const dot = name.lastIndexOf('.');
  if (dot === -1 || dot === name.length - 1) return null;
  return name.slice(dot + 1).toLowerCase();
}

/** A MIME type's essence (`Application/X-MSDownload; charset=binary` → `application/x-msdownload`); null when absent. */
export function mimeEssence(mime: string | null | undefined): string | null {
  const essence = (mime ?? '').split(';', 1)[0]!.trim().toLowerCase();
  return /^[^/\s]+\/[^/\s]+$/.test(essence) ? essence : null;
}
