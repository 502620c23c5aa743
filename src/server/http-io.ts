import type { IncomingMessage, ServerResponse } from 'node:http';

/** Small helpers every route shares: bounded bodies, JSON answers, security headers. */

export class BodyTooLarge extends Error {}

/** Read at most `maxBytes` of the body; one byte more rejects (and the rest is not read). */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw new BodyTooLarge();
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > maxBytes) throw new BodyTooLarge();
    parts.push(part);
  }
  return Buffer.concat(parts);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, error: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error, message, ...extra }, headers);
}

const plain = (address: string) => address.trim().replace(/^::ffff:(?=\d+\.)/, '');

/**
 * Who is asking, for the rate limits: the connection's address, or — when that is one of ICT's
 * own proxies — the last address in X-Forwarded-For that is not a trusted proxy (earlier ones
 * are whatever the client wrote). Behind a proxy without this, every device would share a limit.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: readonly string[] = []): string {
  const peer = plain(req.socket.remoteAddress ?? 'unknown');
  if (!trustedProxies.includes(peer)) return peer;
  const forwarded = String(req.headers['x-forwarded-for'] ?? '').split(',').map(plain).filter(Boolean);
  for (let i = forwarded.length - 1; i >= 0; i--) if (!trustedProxies.includes(forwarded[i]!)) return forwarded[i]!;
  return peer;
}

/** For every HTML page: nothing runs, nothing loads from elsewhere, nothing frames it. */
export const PAGE_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  // Not no-referrer: under it a browser sends `Origin: null` even on a same-origin form POST,
  // and the inbox refuses a sign-in it cannot tell from a cross-site one (found by the e2e).
  // Nothing of the inbox's addresses leaves the site either way.
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
} as const;
