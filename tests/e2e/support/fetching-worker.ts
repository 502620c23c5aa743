import type { TestServer } from './test-server.ts';

/**
 * An allowed site with its own service worker that fetches whatever its page asks for, so a
 * test can prove a blocked host is not reached from a service worker either. Service workers
 * need a secure context: `http://localhost` is one in both browsers without any flag (the test
 * server is reached there, like every host).
 */
export const WORKER_SITE = 'localhost';

const PAGE = `<!doctype html><html lang="en"><title>Worker site</title><h1 id="host">worker site</h1>
<script>
window.workerReady = navigator.serviceWorker.register('/fetching-worker.js').then(() => navigator.serviceWorker.ready);
// Ask the worker to fetch a URL; resolves with 'ok <status>' or 'failed <error>'.
window.workerFetch = (url) => window.workerReady.then((reg) => new Promise((resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = (e) => resolve(e.data);
  reg.active.postMessage({ url }, [channel.port2]);
}));
</script>`;

const WORKER = `self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('message', (e) => {
  const reply = e.ports[0];
  e.waitUntil(fetch(e.data.url, { mode: 'no-cors', cache: 'no-store' })
    .then((r) => reply.postMessage('ok ' + r.status + ' ' + r.type), (err) => reply.postMessage('failed ' + err)));
});`;

/** Serve the site's page at `/worker-page` and its worker, on the worker site only. */
export function serveFetchingWorkerSite(server: TestServer): string {
  server.route((req, res) => {
    if ((req.headers.host ?? '').replace(/:\d+$/, '') !== WORKER_SITE) return false;
    if (req.url === '/fetching-worker.js') res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(WORKER);
    else if (req.url === '/worker-page') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(PAGE);
    else return false;
    return true;
  });
  return server.url(WORKER_SITE, '/worker-page');
}
