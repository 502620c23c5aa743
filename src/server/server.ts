import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ServerStore } from './acceptance-store.ts';
import { handleAcceptance } from './acceptances-api.ts';
import { bundleFiles } from './bundle-files.ts';
import { handleCheckin } from './checkins-api.ts';
import { sendError } from './http-io.ts';
import { handleInbox } from './inbox/routes.ts';
import { Sessions } from './inbox/sessions.ts';
import { Outbox, type OutboxOptions, type Senders } from './outbox.ts';
import { RateLimiter } from './rate-limit.ts';
import { handleReport } from './reports-api.ts';
import { policyFromFolder } from './served-policy.ts';

/**
 * `aup serve`: one Node `http` server (plain node:http — a handful of routes do not need a
 * framework) for the policy bundle (/policy/…), the device endpoints (POST /api/reports, POST
 * /api/acceptances, POST /api/checkins) and the ICT inbox (/inbox). Everything it needs is passed in, so tests run it in-process on a free port.
 */
export type ServerConfig = {
  host: string;
  port: number;
  /** The signed bundle folder served at /policy/; its policy says which categories are sensitive. */
  bundleDir: string | null;
  /** Reports, acceptances and check-ins, in one database. */
  store: ServerStore;
  reportToken: string;
  adminPassword: string;
  /** Device POSTs (reports, acceptances and check-ins together) per minute per client address (0: no limit), and the burst allowed. */
  rateLimit: { perMinute: number; burst: number };
  /** Addresses of ICT's reverse proxies, whose X-Forwarded-For names the client. */
  trustedProxies?: readonly string[];
  helpdeskEmail: string | null;
  webhookUrl: string | null;
  senders: Senders;
  outbox: OutboxOptions;
  tls: { cert: Buffer; key: Buffer } | null;
  log: (message: string) => void;
  now?: () => Date;
  /** How often the check-in retention sweep runs (default hourly; also once at start). */
  checkinSweepMs?: number;
};

const HOUR_MS = 3_600_000;

export type RunningServer = { url: string; port: number; outbox: Outbox; close(): Promise<void> };

export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const now = config.now ?? (() => new Date());
  const policy = policyFromFolder(config.bundleDir, config.log);
  policy(); // read (and warn about) the policy at start, not at the first report
  const outbox = new Outbox(config.store, config.senders, { ...config.outbox, log: config.log, now });
  const serveBundle = config.bundleDir ? bundleFiles(config.bundleDir) : null;
  const limiter = new RateLimiter(config.rateLimit.perMinute, config.rateLimit.burst);
  const inbox = { store: config.store, policy, adminPassword: config.adminPassword, sessions: new Sessions(), signInLimiter: new RateLimiter(10, 5), trustedProxies: config.trustedProxies ?? [], now };
  const device = { reportToken: config.reportToken, limiter, trustedProxies: config.trustedProxies ?? [] };
  const reports = { ...device, store: config.store, policy, helpdeskEmail: config.helpdeskEmail, webhookUrl: config.webhookUrl, now, onStored: () => outbox.wake() };
  const acceptances = { ...device, store: config.store, now };
  const checkins = { ...device, store: config.store, now };
  // Check-in history by age (the per-device cap is kept on every write, in the store).
  const sweep = () => {
    config.store.pruneCheckins(now())
      .then((gone) => gone.checkins + gone.devices > 0 && config.log(`aup serve: retention: ${gone.checkins} check-ins and ${gone.devices} silent devices removed`))
      .catch((error: unknown) => config.log(`aup serve: check-in retention sweep failed: ${(error as Error).message}`));
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://server');
    if (url.pathname === '/api/reports') return handleReport(req, res, reports);
    if (url.pathname === '/api/acceptances') return handleAcceptance(req, res, acceptances);
    if (url.pathname === '/api/checkins') return handleCheckin(req, res, checkins);
    if (url.pathname === '/inbox' || url.pathname.startsWith('/inbox/')) return handleInbox(req, res, url, inbox);
    if (url.pathname.startsWith('/policy/') && serveBundle && (req.method === 'GET' || req.method === 'HEAD')) {
      return serveBundle(req, res, url.pathname.slice('/policy/'.length));
    }
    if (url.pathname === '/') return void res.writeHead(303, { location: '/inbox/reports' }).end();
    sendError(res, 404, 'not_found', 'Nothing here.');
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch((error: unknown) => {
      config.log(`aup serve: ${req.method} ${req.url}: ${(error as Error).stack ?? error}`);
      if (!res.headersSent) sendError(res, 503, 'unavailable', 'The server could not do that just now: try again later.');
      else res.destroy();
    });
  };
  const server: Server = config.tls ? createHttps({ cert: config.tls.cert, key: config.tls.key }, handler) : createHttp(handler);
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  outbox.start();
  sweep();
  const sweeper = setInterval(sweep, config.checkinSweepMs ?? HOUR_MS);
  sweeper.unref();
  const port = (server.address() as AddressInfo).port;
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `${config.tls ? 'https' : 'http'}://${shownHost}:${port}`,
    port,
    outbox,
    async close() {
      clearInterval(sweeper);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await outbox.stop();
      await config.store.close();
    },
  };
}
