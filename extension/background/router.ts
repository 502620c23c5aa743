import { PageToWorker, type MessageType } from '../../src/protocol/messages.ts';
import type { MessageSender } from '../platform/runtime.ts';

/**
 * The worker's message router: every message is validated against the protocol
 * (src/protocol/messages.ts) before any handler sees it, and goes to the one handler registered
 * for its type. Handlers live by feature in ./handlers/. A route open to `anyone` also answers
 * content scripts (the banner); `extension-page` routes ignore everyone else.
 */
export type Message<T extends MessageType> = Extract<PageToWorker, { type: T }>;

export type Route = {
  type: MessageType;
  from: 'anyone' | 'extension-page';
  handle: (message: PageToWorker, sender: MessageSender) => Promise<unknown>;
};

/** Declare a route; the handler receives its own message type. */
export function route<T extends MessageType>(type: T, from: Route['from'], handle: (message: Message<T>, sender: MessageSender) => Promise<unknown>): Route {
  return { type, from, handle: handle as Route['handle'] };
}

export type Router = (raw: unknown, sender: MessageSender) => Promise<unknown> | undefined;

export function createRouter(routes: readonly Route[]): Router {
  const byType = new Map<MessageType, Route>();
  for (const r of routes) {
    if (byType.has(r.type)) throw new Error(`two handlers for ${r.type}`);
    byType.set(r.type, r);
  }
  const missing = PageToWorker.options.map((o) => o.shape.type.value).filter((t) => !byType.has(t));
  if (missing.length > 0) throw new Error(`no handler for ${missing.join(', ')}`);
  // Unknown or malformed messages, and messages from where a route does not listen, get no answer.
  return (raw, sender) => {
    const parsed = PageToWorker.safeParse(raw);
    if (!parsed.success) return undefined;
    const r = byType.get(parsed.data.type);
    if (!r || (r.from === 'extension-page' && !sender.fromExtensionPage)) return undefined;
    return r.handle(parsed.data, sender);
  };
}
