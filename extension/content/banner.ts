import { sendToWorker } from '../platform/runtime.ts';
import { messagesLocale, t } from '../platform/i18n.ts';

/*
 * The personal-use banner. This script runs on every page of a site allowed with a banner, so
 * it is kept small (no UI framework, no schema library: measured, those cost ~4 ms on every page
 * load) and asks the worker once. The banner lives in a closed shadow root so the site's CSS
 * cannot hide or restyle it and the site's scripts cannot read it; `all: initial` keeps the
 * site's inherited styles out, and nothing of ours leaks into the page. Text only: nothing from
 * the page or the reply is ever parsed as HTML.
 *
 * It follows GOV.UK's notification banner (a title strip, then the message). It sits at the
 * bottom of the window (a site's own fixed header stays visible) and reserves its height at
 * the end of the page, so the page can always be scrolled clear of it; it can be
 * made smaller, or closed for this site until the decision for it changes.
 */

const WARN_BEFORE_MS = 5 * 60_000;

const BANNER_CSS = `
  :host { all: initial; }
  .bar { position: fixed; inset: auto 0 0 0; z-index: 2147483647; box-sizing: border-box;
    display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; align-items: center; justify-content: space-between;
    padding: 0 0.75rem 0.375rem; max-height: 50vh; overflow: auto;
    font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1b1b1b; background: #fff;
    border: 5px solid #1d4f91; border-bottom: 0; }
  .bar.small { inset: auto 0.5rem 0.5rem auto; border: 0; padding: 0; background: transparent; }
  .title { flex: 1 0 100%; margin: 0 -0.75rem; padding: 0.125rem 0.75rem 0.25rem; background: #1d4f91; color: #fff; font-weight: 700; font-size: 14px; }
  .text { margin: 0; flex: 1 1 20rem; min-width: 0; overflow-wrap: anywhere; }
  .small .title, .small .text, .small .note, .small .hide, .small .close { display: none; }
  .note { display: block; }
  .soon:empty { display: none; }
  .soon { display: block; font-weight: 700; }
  .buttons { display: flex; gap: 0.5rem; flex-wrap: wrap; }
  button { font: inherit; font-weight: 600; color: #fff; background: #1d4f91; border: 2px solid #1d4f91;
    border-radius: 4px; padding: 0.125rem 0.75rem; min-height: 32px; min-width: 44px; cursor: pointer; }
  button.close { color: #143866; background: #fff; }
  .expand { display: none; }
  .small .expand { display: inline-block; color: #fff; background: #1d4f91; border: 3px solid #ffbf47; }
  button:focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; box-shadow: 0 0 0 6px #ffbf47; }
  @media (prefers-reduced-motion: no-preference) { .bar { transition: inset 120ms ease-out; } }
  @media (forced-colors: active) { .bar { border: 2px solid CanvasText; } button { border-color: ButtonText; } }
`;

type Shown = { until: string | null; untilAt: number | null; why: 'fixed-break' | 'self-declared-break' | 'personal' | 'working-time'; label: string | null; aupTitle: string };

/** The reply's shape checked by hand (see above for why not zod); anything else shows nothing. */
function parseReply(raw: unknown): Shown | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  if (r.type !== 'banner' || r.show !== true) return null;
  const text = (v: unknown, max: number) => typeof v === 'string' && v.length <= max;
  const timed = text(r.until, 40) && typeof r.untilAt === 'number';
  const open = r.until === null && r.untilAt === null;
  if (!(timed || open) || !text(r.aupTitle, 200)) return null;
  if (r.why !== 'fixed-break' && r.why !== 'self-declared-break' && r.why !== 'personal' && r.why !== 'working-time') return null;
  if (r.label !== null && !text(r.label, 80)) return null;
  return { until: r.until as string | null, untilAt: r.untilAt as number | null, why: r.why, label: r.label as string | null, aupTitle: r.aupTitle as string };
}

function whyText(s: Shown): string {
  if (s.why === 'personal') return t('bannerWhyPersonal');
  if (s.why === 'working-time') return t('bannerWhyWorkingTime');
  if (s.why === 'fixed-break' && s.label) return t('bannerWhyNamedBreak', s.label);
  return t('bannerWhyBreak');
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ''): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  el.textContent = text;
  return el;
}

function show(s: Shown): void {
  const host = document.createElement('aup-guard-banner');
  // The host is the space the banner reserves at the end of the page (its height follows the bar's).
  host.style.setProperty('display', 'block', 'important');
  host.style.setProperty('height', '0', 'important');
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = BANNER_CSS;
  const bar = element('div', 'bar');
  bar.setAttribute('role', 'region');
  // Our words, not the site's: a Welsh banner on an English page is read out in Welsh (WCAG 3.1.2).
  bar.setAttribute('lang', messagesLocale());
  bar.setAttribute('aria-label', t('bannerRegion'));
  // The region's name, shown as the banner's title (GOV.UK notification banner); not read twice.
  const title = element('p', 'title', t('bannerRegion'));
  title.setAttribute('aria-hidden', 'true');
  const text = element('p', 'text', s.until === null ? t('bannerPersonalUseOpen') : t('bannerPersonalUse', [s.until, whyText(s)]));
  const note = element('span', 'note', t('bannerStillApplies', s.aupTitle));
  text.append(' ', note);
  // Polite, and empty until the five-minute warning: the banner itself is not announced on every page.
  const soon = element('span', 'soon');
  soon.setAttribute('aria-live', 'polite');
  text.append(soon);
  const buttons = element('div', 'buttons');
  const hide = element('button', 'hide', t('bannerMakeSmaller'));
  const expand = element('button', 'expand', s.until === null ? t('bannerExpandOpen') : t('bannerExpand', s.until));
  const close = element('button', 'close', t('bannerClose'));
  for (const b of [hide, expand, close]) b.type = 'button';
  buttons.append(hide, expand, close);
  bar.append(title, text, buttons);
  root.append(style, bar);

  const reserve = () => host.style.setProperty('height', bar.classList.contains('small') ? '0' : `${bar.offsetHeight}px`, 'important');
  /** Focus follows only the person's own action, never the five-minute warning. */
  const setSmall = (small: boolean, moveFocus = true) => {
    bar.classList.toggle('small', small);
    reserve();
    if (moveFocus) (small ? expand : hide).focus();
  };
  const remove = () => {
    host.remove();
    void sendToWorker({ type: 'banner/dismiss', url: location.href }).catch(() => undefined);
  };
  hide.addEventListener('click', () => setSmall(true));
  expand.addEventListener('click', () => setSmall(false));
  close.addEventListener('click', remove);
  bar.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !bar.classList.contains('small')) {
      e.stopPropagation();
      setSmall(true);
    }
  });
  (document.body ?? document.documentElement).append(host);
  reserve();
  if (typeof ResizeObserver === 'function') new ResizeObserver(reserve).observe(bar);

  const { until, untilAt } = s;
  if (until === null || untilAt === null) return;
  const warn = () => {
    soon.textContent = t('bannerEndsSoon', until);
    setSmall(false, false);
  };
  // A page opened in the last five minutes is warned too (after a moment, so the live region announces it).
  if (untilAt > Date.now()) setTimeout(warn, Math.max(untilAt - WARN_BEFORE_MS - Date.now(), 500));
}

async function main(): Promise<void> {
  const reply = parseReply(await sendToWorker({ type: 'banner/get', url: location.href }));
  if (reply) show(reply);
}

main().catch(() => {
  // No banner is the safe failure: the banner informs, enforcement happens in the worker.
});
