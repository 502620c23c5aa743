import { describe, expect, it } from 'vitest';
import { PageToWorker, type MessageType } from '../../src/protocol/messages.ts';
import { createRouter, route, type Route } from './router.ts';

const TYPES = PageToWorker.options.map((o) => o.shape.type.value) as MessageType[];
const page = { tabId: 3, frameId: 0, url: 'chrome-extension://x/extension/pages/options/index.html', fromExtensionPage: true };
const site = { tabId: 4, frameId: 0, url: 'https://www.example.test/', fromExtensionPage: false };

/** A route per message type that answers with its own type and who asked. */
function echoRoutes(from: (t: MessageType) => Route['from']): Route[] {
  return TYPES.map((t) => route(t, from(t), async (m, sender) => ({ answered: m.type, by: sender.tabId })));
}

describe('the worker message router', () => {
  it('sends each valid message to the handler of its type', async () => {
    const router = createRouter(echoRoutes(() => 'anyone'));
    expect(await router({ type: 'banner/get', url: 'https://a.test/' }, site)).toEqual({ answered: 'banner/get', by: 4 });
    expect(await router({ type: 'status/get' }, page)).toEqual({ answered: 'status/get', by: 3 });
  });

  it('does not answer malformed or unknown messages', () => {
    const router = createRouter(echoRoutes(() => 'anyone'));
    expect(router({ type: 'banner/get', url: 42 }, site)).toBeUndefined();
    expect(router({ type: 'no/such' }, page)).toBeUndefined();
    expect(router('status/get', page)).toBeUndefined();
  });

  it('keeps extension-page routes away from web pages and content scripts', async () => {
    const router = createRouter(echoRoutes((t) => (t === 'events/get' ? 'extension-page' : 'anyone')));
    expect(router({ type: 'events/get' }, site)).toBeUndefined();
    expect(await router({ type: 'events/get' }, page)).toEqual({ answered: 'events/get', by: 3 });
  });

  it('refuses to start with a message type nobody handles, or handled twice', () => {
    expect(() => createRouter(echoRoutes(() => 'anyone').filter((r) => r.type !== 'warn/continue'))).toThrow(/no handler for warn\/continue/);
    const routes = echoRoutes(() => 'anyone');
    expect(() => createRouter([...routes, routes[0]!])).toThrow(/two handlers/);
  });
});
