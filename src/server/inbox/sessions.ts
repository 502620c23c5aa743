import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Signed-in ICT staff. Sessions live in memory (a restart signs everyone out, which is fine for
 * a handful of ICT staff) behind a random id in an HttpOnly, Secure, SameSite=Strict cookie
 * scoped to /inbox. Each session has its own CSRF token, which every form posts back; POSTs
 * from another origin are refused as well.
 */

export const COOKIE = 'aup_inbox';
const LIFETIME_MS = 8 * 60 * 60 * 1000;

export type Session = { id: string; csrf: string; expires: number };

export class Sessions {
  private readonly byId = new Map<string, Session>();

  constructor(private readonly now: () => number = Date.now) {}

  create(): Session {
    this.sweep();
    const session = { id: randomBytes(32).toString('base64url'), csrf: randomBytes(32).toString('base64url'), expires: this.now() + LIFETIME_MS };
    this.byId.set(session.id, session);
    return session;
  }

  of(req: IncomingMessage): Session | null {
    const id = cookieValue(req.headers.cookie, COOKIE);
    const session = id ? this.byId.get(id) : undefined;
    if (!session) return null;
    if (session.expires <= this.now()) {
      this.byId.delete(session.id);
      return null;
    }
    return session;
  }

  end(session: Session): void {
    this.byId.delete(session.id);
  }

  private sweep(): void {
    for (const [id, s] of this.byId) if (s.expires <= this.now()) this.byId.delete(id);
  }
}

export function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

export function sessionCookie(session: Session | null): string {
  const base = `${COOKIE}=${session?.id ?? ''}; Path=/inbox; HttpOnly; Secure; SameSite=Strict`;
  return session ? `${base}; Max-Age=${LIFETIME_MS / 1000}` : `${base}; Max-Age=0`;
}

/** A POST that a page of ours could have sent: from our own origin when the browser says where from. */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not a browser, or an old one: the CSRF token still has to match
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
