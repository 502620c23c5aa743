import '../platform/zod-setup.ts';
import { render } from 'preact';
import { BannerReply } from '../../src/protocol/messages.ts';
import { sendToWorker } from '../platform/runtime.ts';
import { t } from '../platform/i18n.ts';

/*
 * The personal-use banner. It lives in a closed shadow root so the site's CSS cannot hide
 * or restyle it, and the site's scripts cannot read it.
 */

const BANNER_CSS = `
  :host { all: initial; }
  .bar { position: fixed; inset: 0 0 auto 0; z-index: 2147483647; display: flex; gap: 1rem;
    align-items: center; justify-content: space-between; padding: 0.5rem 1rem;
    font: 15px/1.4 system-ui, sans-serif; color: #fff; background: #1d4f91; }
  button { font: inherit; font-weight: 600; color: #1b1b1b; background: #fff; border: 0;
    border-radius: 4px; padding: 0.25rem 0.75rem; min-height: 32px; cursor: pointer; }
  button:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
`;

function Banner({ until, onClose }: { until: string; onClose: () => void }) {
  return (
    <div class="bar" role="region" aria-label={t('extName')}>
      <span>{t('bannerPersonalUse', until)}</span>
      <button type="button" onClick={onClose}>{t('bannerClose')}</button>
    </div>
  );
}

function show(until: string): void {
  const host = document.createElement('aup-guard-banner');
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = BANNER_CSS;
  root.append(style);
  const mountPoint = document.createElement('div');
  root.append(mountPoint);
  document.documentElement.append(host);
  render(<Banner until={until} onClose={() => host.remove()} />, mountPoint);
}

async function main(): Promise<void> {
  const reply = BannerReply.safeParse(await sendToWorker({ type: 'banner/get', url: location.href }));
  if (reply.success && reply.data.show) show(reply.data.until);
}

main().catch(() => {
  // No banner is the safe failure: the banner informs, enforcement happens in the worker.
});
