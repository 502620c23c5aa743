import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tempDir } from './paths.ts';

/**
 * An HTTPS test server (self-signed: the browser is told to accept it) that records each
 * request's host, path and query, and headers. For real hosts the browsers preload as HTTPS-only
 * (Bing, DuckDuckGo, YouTube…), whose http:// address the browser upgrades before it leaves.
 */
export type SeenHttps = { host: string; url: string; headers: Record<string, string | string[] | undefined> };
export type HttpsRecorder = { port: number; seen: SeenHttps[]; url(host: string, path: string): string; close(): Promise<void> };

export async function startHttpsRecorder(): Promise<HttpsRecorder> {
  const dir = tempDir('https');
  const key = join(dir.path, 'key.pem');
  const cert = join(dir.path, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=aup-guard-test'], { stdio: 'ignore' });
  const seen: SeenHttps[] = [];
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    seen.push({ host: (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase(), url: req.url ?? '/', headers: req.headers });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end('<!doctype html><html lang="en"><head><title>Search</title></head><body><main><h1>Results</h1></main></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    seen,
    url: (host, path) => `https://${host}:${port}${path}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
      dir.remove();
    }),
  };
}
