import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

/**
 * The signed bundle folder, read-only, for devices: a strong ETag from the content, so a device
 * asking "has it changed?" gets 304; the manifest (JSON, read by every device at every check)
 * compressed with brotli or gzip as the device accepts. Chunks are compressed already (zstd) and go
 * as they are.
 */

type Variant = { body: Buffer; etag: string; encoding: 'br' | 'gzip' | null };
type Entry = { stamp: string; identity: Variant; br?: Variant; gzip?: Variant };

const TYPES: Record<string, string> = { '.json': 'application/json', '.bin': 'application/octet-stream' };
const COMPRESSIBLE = new Set(['.json']);
const CHUNK_NAME = /^chunks\/[0-9a-f]{64}\.bin$/;

function preferred(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const accepted = new Map((acceptEncoding ?? '').split(',').map((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return [name ?? '', q ? Number(q.slice(2)) : 1] as const;
  }));
  if ((accepted.get('br') ?? 0) > 0) return 'br';
  if ((accepted.get('gzip') ?? 0) > 0) return 'gzip';
  return null;
}

export function bundleFiles(folder: string) {
  const root = normalize(folder);
  const cache = new Map<string, Entry>();

  function entryOf(file: string): Entry | null {
    let stamp: string;
    try {
      const s = statSync(file);
      if (!s.isFile()) return null;
      stamp = `${s.size}:${s.mtimeMs}`;
    } catch {
      return null;
    }
    const held = cache.get(file);
    if (held?.stamp === stamp) return held;
    const body = readFileSync(file);
    const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
    const entry: Entry = { stamp, identity: { body, etag: `"${hash}"`, encoding: null } };
    if (COMPRESSIBLE.has(extname(file))) {
      entry.br = { body: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }), etag: `"${hash}-br"`, encoding: 'br' };
      entry.gzip = { body: gzipSync(body, { level: 9 }), etag: `"${hash}-gz"`, encoding: 'gzip' };
    }
    cache.set(file, entry);
    return entry;
  }

  /** Answer GET/HEAD for `path` (relative to the folder, from the URL). */
  return function serve(req: IncomingMessage, res: ServerResponse, path: string): void {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return void res.writeHead(400).end();
    }
    const file = normalize(join(root, decoded));
    if (!file.startsWith(root + sep) || decoded.includes('\0')) return void res.writeHead(404).end();
    const entry = entryOf(file);
    if (!entry) return void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    const encoding = preferred(req.headers['accept-encoding']);
    const variant = (encoding && entry[encoding]) || entry.identity;
    const headers: Record<string, string | number> = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      // A chunk is named by the SHA-256 of its bytes: it never changes, so a CDN or proxy may keep
      // it for good. The manifest says which chunks are current: revalidated every time.
      'cache-control': CHUNK_NAME.test(decoded) ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag: variant.etag,
      vary: 'accept-encoding',
    };
    if (variant.encoding) headers['content-encoding'] = variant.encoding;
    const asked = (req.headers['if-none-match'] ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
    const known = [entry.identity, entry.br, entry.gzip].filter((v): v is Variant => !!v).map((v) => v.etag);
    if (asked.some((t) => t === '*' || known.includes(t))) return void res.writeHead(304, headers).end();
    headers['content-length'] = variant.body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : variant.body);
  };
}
