import { sendToWorker } from '../platform/runtime.ts';
import { t } from '../platform/i18n.ts';

/*
 * The personal-use banner. This script runs on every web page, so it is kept small (no UI
 * framework, no schema library: measured, those cost ~4 ms on every page load) and asks the
 * worker once. The banner lives in a closed shadow root so the site's CSS cannot hide or
 * restyle it and the site's scripts cannot read it. Text only: nothing from the page or the
 * reply is ever parsed as HTML.
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

type BannerReply = { type: 'banner'; show: true; until: string } | { type: 'banner'; show: false };

/** The reply's shape checked by hand (see above for why not zod); anything else shows nothing. */
function parseReply(raw: unknown): BannerReply | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  if (r.type !== 'banner') return null;
  if (r.show === true && typeof r.until === 'string' && r.until.length <= 16) return { type: 'banner', show: true, until: r.until };
  if (r.show === false) return { type: 'banner', show: false };
  return null;
}

function show(until: string): void {
  const host = document.createElement('aup-guard-banner');
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = BANNER_CSS;
  const bar = document.createElement('div');
  bar.className = 'bar';
  bar.setAttribute('role', 'region');
  bar.setAttribute('aria-label', t('extName'));
  const text = document.createElement('span');
  text.textContent = t('bannerPersonalUse', until);
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = t('bannerClose');
  close.addEventListener('click', () => host.remove());
  bar.append(text, close);
  root.append(style, bar);
  document.documentElement.append(host);
}

async function main(): Promise<void> {
  const reply = parseReply(await sendToWorker({ type: 'banner/get', url: location.href }));
  if (reply?.show) show(reply.until);
}

main().catch(() => {
  // No banner is the safe failure: the banner informs, enforcement happens in the worker.
});
