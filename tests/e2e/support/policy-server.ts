import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import type { TestServer } from './test-server.ts';

export const POLICY_HOST = 'policy.aup-guard.test';

/**
 * Serves bundles at http://policy.aup-guard.test:<port>/policy/manifest.json from a folder the
 * test can switch at any time (`serve(dir)`), answers 503 (`down()`) or never answers (`hang()`), with ETags like a real
 * web server so the extension's conditional requests are exercised.
 */
export function policyServer(server: TestServer) {
  let dir: string | null = null;
  let available = true;
  let hanging = false;
  server.route((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (host !== POLICY_HOST) return false;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!path.startsWith('/policy/')) return false;
    // Accept the connection and never answer (the response is left open until the server closes).
    if (hanging) return true;
    if (!available || !dir) {
      res.writeHead(503).end('down');
      return true;
    }
    const file = normalize(join(dir, path.slice('/policy/'.length)));
    if (!file.startsWith(normalize(dir) + sep) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return true;
    }
    const body = readFileSync(file);
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return true;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', etag, 'cache-control': 'no-cache' }).end(body);
    return true;
  });
  return {
    url: server.url(POLICY_HOST, '/policy/manifest.json'),
    serve(folder: string) {
      dir = folder;
      available = true;
      hanging = false;
    },
    down() {
      available = false;
      hanging = false;
    },
    hang() {
      hanging = true;
    },
  };
}
