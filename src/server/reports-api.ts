import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ReportRequest, type ReportReply } from '../protocol/report-wire.ts';
import type { DeliveryChannel, ReportStore } from './report-store.ts';
import type { PolicyFacts } from './served-policy.ts';
import { BodyTooLarge, clientAddress, readBody, sendError, sendJson } from './http-io.ts';
import type { RateLimiter } from './rate-limit.ts';

/** A report is a few kilobytes at most (URL 2 KB, note 1,000 characters); anything bigger is not one. */
export const MAX_REPORT_BYTES = 16 * 1024;

export type ReportsApiDeps = {
  store: ReportStore;
  policy: () => PolicyFacts;
  /** The deployment token ICT puts in the extension's managed configuration (`reportToken`). */
  reportToken: string;
  limiter: RateLimiter;
  /** Proxies whose X-Forwarded-For is believed (see `clientAddress`). */
  trustedProxies: readonly string[];
  /** Overrides the policy's helpdesk address when set. */
  helpdeskEmail: string | null;
  webhookUrl: string | null;
  now: () => Date;
  /** Called after a new report is stored, so the outbox can start at once. */
  onStored: () => void;
};

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Constant-time comparison (of digests, so the lengths always match). */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

function bearerOf(req: IncomingMessage): string | null {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header);
  return match ? match[1]! : null;
}

/** POST /api/reports: rate limit → token → size → JSON → contract → store once → 201 (or 200 for a replay). */
export async function handleReport(req: IncomingMessage, res: ServerResponse, deps: ReportsApiDeps): Promise<void> {
  if (req.method !== 'POST') return sendError(res, 405, 'method_not_allowed', 'Reports are sent with POST.', {}, { allow: 'POST' });
  const wait = deps.limiter.take(clientAddress(req, deps.trustedProxies));
  if (wait > 0) return sendError(res, 429, 'rate_limited', `Too many reports from this address: try again in ${wait} s.`, {}, { 'retry-after': String(wait) });
  const token = bearerOf(req);
  if (!token || !sameSecret(token, deps.reportToken)) {
    return sendError(res, 401, 'unauthorised', 'A valid deployment token is needed (Authorization: Bearer …).', {}, { 'www-authenticate': 'Bearer realm="aup-reports"' });
  }
  if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
    return sendError(res, 415, 'unsupported_media_type', 'Send the report as application/json.');
  }
  let body: Buffer;
  try {
    body = await readBody(req, MAX_REPORT_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLarge) return sendError(res, 413, 'too_large', `A report is at most ${MAX_REPORT_BYTES} bytes.`, {}, { connection: 'close' });
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return sendError(res, 400, 'malformed_json', 'The body is not valid JSON.');
  }
  const parsed = ReportRequest.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
    return sendError(res, 400, 'invalid_report', 'The report is not valid: see issues.', { issues });
  }
  const report = parsed.data;
  const policy = deps.policy();
  const deliveries: { channel: DeliveryChannel; to: string }[] = [];
  const helpdesk = deps.helpdeskEmail ?? policy.helpdeskEmail;
  if (helpdesk) deliveries.push({ channel: 'mail-helpdesk', to: helpdesk });
  if (report.lineManagerEmail) deliveries.push({ channel: 'mail-line-manager', to: report.lineManagerEmail });
  if (deps.webhookUrl) deliveries.push({ channel: 'webhook', to: deps.webhookUrl });
  const { receipt, created } = await deps.store.add(report, {
    receivedAt: deps.now(),
    sensitive: policy.isSensitive(report.category),
    categoryTitle: policy.categoryTitle(report.category),
    deliveries,
  });
  if (created) deps.onStored();
  const reply: ReportReply = { receipt };
  sendJson(res, created ? 201 : 200, reply);
}
