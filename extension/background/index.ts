import '../platform/zod-setup.ts';
import { PageToWorker, type BannerReply, type StatusReply } from '../../src/protocol/messages.ts';
import { extensionVersion, onMessage } from '../platform/runtime.ts';

/*
 * The worker only wires listeners here; the work lives in the modules beside this file.
 * Listeners are registered synchronously at the top level so that an event that wakes the
 * worker is delivered to them.
 */

function status(): StatusReply {
  return {
    type: 'status',
    version: extensionVersion(),
    managed: false,
    group: null,
    mode: null,
    policy: null,
    lastError: null,
  };
}

onMessage((raw) => {
  const parsed = PageToWorker.safeParse(raw);
  if (!parsed.success) return undefined;
  const message = parsed.data;
  switch (message.type) {
    case 'status/get':
      return Promise.resolve(status());
    case 'banner/get':
      return Promise.resolve<BannerReply>({ type: 'banner', show: false });
  }
});
