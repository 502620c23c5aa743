import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The stand-in for the whole internet in end-to-end tests. Browsers resolve every host name
 * to 127.0.0.1, so each test host lands here; every request is recorded, which lets a test
 * prove that a blocked host was never contacted.
 */

export type SeenRequest = { host: string; path: string; method: string; at: number };
export type Route = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export type TestServer = {
  port: number;
  /** `http://<host>:<port><path>` */
  url(host: string, path?: string): string;
  requests: SeenRequest[];
  /** Requests whose Host header (without port, lower-cased) is `host` or a subdomain of it. */
  requestsTo(host: string): SeenRequest[];
  /** Add a handler tried before the default test page; return true when it answered. */
  route(handler: Route): void;
  close(): Promise<void>;
};

function hostOf(req: IncomingMessage): string {
  return (req.headers.host ?? '').replace(/:\d+$/, '').replace(/\.$/, '').toLowerCase();
}

function testPage(host: string, path: string): string {
  const safe = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test page ${safe(host)}</title></head>` +
    `<body><main><h1 id="host">${safe(host)}</h1><p id="path">${safe(path)}</p></main></body></html>`;
}

export async function startTestServer(): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const routes: Route[] = [];
  const server = createServer(async (req, res) => {
    const host = hostOf(req);
    requests.push({ host, path: req.url ?? '/', method: req.method ?? 'GET', at: Date.now() });
    for (const route of routes) if (await route(req, res)) return;
    if (req.url === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(testPage(host, req.url ?? '/'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (host, path = '/') => `http://${host}:${port}${path}`,
    requests,
    requestsTo: (host) => requests.filter((r) => r.host === host || r.host.endsWith(`.${host}`)),
    route: (handler) => void routes.push(handler),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
