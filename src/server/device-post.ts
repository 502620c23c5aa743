import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { BodyTooLarge, clientAddress, readBody, sendError } from './http-io.ts';
import type { RateLimiter } from './rate-limit.ts';

/**
 * What every device POST (a report, an acceptance, a check-in) goes through before its route
 * sees it, in this order: method → rate limit → token → media type → size → JSON → contract. One
 * place, so the endpoints cannot drift apart in what they let through or how they refuse.
 */

export type DevicePostDeps = {
  /** The deployment token ICT puts in the extension's managed configuration (`reportToken`). */
  reportToken: string;
  /** One limiter for every device endpoint: a device's reports, acceptances and check-ins share its budget. */
  limiter: RateLimiter;
  /** Proxies whose X-Forwarded-For is believed (see `clientAddress`). */
  trustedProxies: readonly string[];
};

/** What one endpoint accepts: `noun` names it in error messages and the 400's code (`invalid_<noun>`, without hyphens). */
export type DevicePostKind<T> = { noun: 'report' | 'acceptance' | 'check-in'; schema: z.ZodType<T>; maxBytes: number };

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

const article = (noun: string) => (/^[aeiou]/.test(noun) ? `An ${noun}` : `A ${noun}`);

/** The body as the contract's type; or null once the refusal has been sent. */
export async function readDevicePost<T>(req: IncomingMessage, res: ServerResponse, deps: DevicePostDeps, kind: DevicePostKind<T>): Promise<T | null> {
  const { noun } = kind;
  if (req.method !== 'POST') return refuse(res, 405, 'method_not_allowed', `${article(noun)} is sent with POST.`, {}, { allow: 'POST' });
  const wait = deps.limiter.take(clientAddress(req, deps.trustedProxies));
  if (wait > 0) return refuse(res, 429, 'rate_limited', `Too many requests from this address: try again in ${wait} s.`, {}, { 'retry-after': String(wait) });
  const token = bearerOf(req);
  if (!token || !sameSecret(token, deps.reportToken)) {
    return refuse(res, 401, 'unauthorised', 'A valid deployment token is needed (Authorization: Bearer …).', {}, { 'www-authenticate': 'Bearer realm="aup-reports"' });
  }
  if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
    return refuse(res, 415, 'unsupported_media_type', `Send the ${noun} as application/json.`);
  }
  let body: Buffer;
  try {
    body = await readBody(req, kind.maxBytes);
  } catch (error) {
    if (error instanceof BodyTooLarge) return refuse(res, 413, 'too_large', `${article(noun)} is at most ${kind.maxBytes} bytes.`, {}, { connection: 'close' });
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return refuse(res, 400, 'malformed_json', 'The body is not valid JSON.');
  }
  const parsed = kind.schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
    return refuse(res, 400, `invalid_${noun.replace('-', '')}`, `The ${noun} is not valid: see issues.`, { issues });
  }
  return parsed.data;
}

function refuse(...args: Parameters<typeof sendError>): null {
  sendError(...args);
  return null;
}
