import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.json': 'application/json', '.html': 'text/html; charset=utf-8', '.js': 'text/javascript',
  '.css': 'text/css', '.png': 'image/png', '.txt': 'text/plain; charset=utf-8', '.bin': 'application/octet-stream',
};

/** Serve a folder read-only on 127.0.0.1, refusing paths that climb out of it. */
export async function serveStatic(root: string, port: number): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) return void res.writeHead(403).end('forbidden');
    let target = file;
    try {
      if (statSync(target).isDirectory()) target = join(target, 'index.html');
      const { size, mtimeMs } = statSync(target);
      // An ETag lets devices ask "has it changed?" and get a 304 when it has not.
      const etag = `"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
      res.writeHead(200, { 'content-type': TYPES[extname(target)] ?? 'application/octet-stream', 'content-length': size, 'cache-control': 'no-cache', etag });
      createReadStream(target).pipe(res);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((ok) => server.close(() => ok())) };
}
