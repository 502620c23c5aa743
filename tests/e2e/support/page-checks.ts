import { expect } from 'vitest';
import type { Tab } from './driver.ts';
import { AXE_TAGS, axeSource, formatViolations, type AxeViolation } from './axe.ts';

/*
 * What every AUP Guard page must be, checked the same way in Chromium and Firefox ESR through the
 * Tab interface (issue 12, Accessibility): axe finds nothing, the page reflows at 320 CSS px
 * (WCAG 1.4.10; 1280 px at 200 % zoom is 640 CSS px, so 320 covers it) without sideways
 * scrolling, and nothing moves when the person asked for reduced motion. And for keyboard
 * journeys: Tab to a control, with a visible focus indicator on every stop.
 */

/** Where tests put the banner's closed shadow root (through the automation protocol). */
export const BANNER_ROOT = '__aupBannerRoot';

/** A page passes axe, reflows at 320 CSS px, and respects reduced motion when the browser asks for it. */
export async function checkPage(tab: Tab, what: string): Promise<void> {
  const violations = await tab.axe();
  expect(violations.map((v) => v.id), `axe on ${what}:\n${formatViolations(violations)}`).toEqual([]);
  await expectReflow(tab, what);
  await expectStillWhenAsked(tab, what);
}

/**
 * At 320 CSS px wide nothing needs sideways scrolling; the viewport is put back afterwards. The
 * popup is sized by the browser (at most 800 px wide): at 200 % zoom that is 400 CSS px, which is
 * where it must fit (its fixed 22rem width is what the browser sizes the popup from).
 */
export async function expectReflow(tab: Tab, what: string): Promise<void> {
  const before = await tab.evaluate(() => ({ width: innerWidth, height: innerHeight }));
  const width = (await tab.evaluate(() => !!document.querySelector('.page--popup'))) ? 400 : 320;
  await tab.setViewport(width, 640);
  try {
    await expect.poll(() => tab.evaluate(() => innerWidth), { timeout: 5_000 }).toBe(width);
    const size = await tab.evaluate(() => {
      const client = document.documentElement.clientWidth;
      // What sticks out, for the failure message.
      const wide = [...document.body.querySelectorAll('*')]
        .filter((el) => el.getBoundingClientRect().right > client + 0.5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} (right ${Math.round(el.getBoundingClientRect().right)})`)
        .slice(0, 8);
      return { scroll: document.documentElement.scrollWidth, client, wide };
    });
    expect(size.scroll, `${what} at ${width} CSS px scrolls sideways (${size.scroll} > ${size.client}): ${size.wide.join(', ')}`).toBeLessThanOrEqual(size.client);
  } finally {
    await tab.setViewport(before.width, before.height);
  }
}

/**
 * When the browser says "reduce motion", no element of the page (nor of the banner's shadow root,
 * when a test exposed it) has an animation or a transition that takes time. Nothing to check when
 * the browser does not ask.
 */
export async function expectStillWhenAsked(tab: Tab, what: string): Promise<void> {
  const moving = await tab.evaluate(new Function(`
    if (!matchMedia('(prefers-reduced-motion: reduce)').matches) return null;
    const roots = [document, window.${BANNER_ROOT}].filter(Boolean);
    const found = [];
    for (const root of roots) for (const el of root.querySelectorAll('*')) {
      const s = getComputedStyle(el);
      const takesTime = (list) => list.split(',').some((d) => parseFloat(d) > 0);
      if ((s.animationName !== 'none' && takesTime(s.animationDuration)) || takesTime(s.transitionDuration)) found.push(el.tagName.toLowerCase() + '.' + el.className);
    }
    return found.concat(document.getAnimations().map((a) => 'running: ' + a.constructor.name));
  `) as () => string[] | null);
  if (moving !== null) expect(moving, `${what} moves although reduced motion is asked for`).toEqual([]);
}

type Focus = { id: string | null; text: string; visible: boolean; outline: string; outlineWidth: number; shadow: string };

/** The focused element (or the banner's, when `inBanner`), and whether its focus can be seen. */
export async function focused(tab: Tab, inBanner = false): Promise<Focus> {
  return tab.evaluate(new Function(`
    const el = ${inBanner ? `window.${BANNER_ROOT}.activeElement` : 'document.activeElement'};
    if (!el) return { id: null, text: '', visible: false, outline: 'none', outlineWidth: 0, shadow: 'none' };
    const s = getComputedStyle(el);
    return { id: el.getAttribute('data-testid') || el.id || el.tagName.toLowerCase(), text: (el.textContent || '').trim().slice(0, 60),
      visible: el.matches(':focus-visible') || (el.matches('input, select, textarea') && el.matches(':focus, :focus-within')), outline: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0, shadow: s.boxShadow };
  `) as () => Focus);
}

/** A keyboard user can see where they are: :focus-visible (a field: :focus), and a 2 px or wider outline or a box shadow. */
export function expectVisibleFocus(f: Focus, what: string): void {
  expect(f.visible, `${f.id} "${f.text}" on ${what} matches :focus-visible`).toBe(true);
  const ring = (f.outline !== 'none' && f.outlineWidth >= 2) || (f.shadow !== 'none' && f.shadow !== '');
  expect(ring, `${f.id} "${f.text}" on ${what} shows its focus (outline ${f.outline} ${f.outlineWidth}px, shadow ${f.shadow})`).toBe(true);
}

/**
 * Press Tab until the element with `data-testid=testId` has focus (at most `max` presses), as a
 * keyboard user would, checking that every stop on the way shows its focus.
 */
export async function tabTo(tab: Tab, testId: string, what: string, max = 25): Promise<void> {
  for (let i = 0; i < max; i++) {
    await tab.press('Tab');
    const f = await focused(tab);
    if (f.id === null || f.id === 'body') continue;
    expectVisibleFocus(f, what);
    if (f.id === testId) return;
  }
  throw new Error(`${testId} is not reachable by Tab on ${what} in ${max} presses`);
}

/** A script-focused heading (tabindex=-1, focused at load) shows no focus ring: it is not a control. */
export async function expectQuietHeadingFocus(tab: Tab, what: string): Promise<void> {
  const f = await focused(tab);
  expect(await tab.evaluate(() => document.activeElement?.tagName), `${what}: the heading has focus at load`).toBe('H1');
  expect(f.outline === 'none' || f.outlineWidth === 0, `${what}: a focused heading shows no ring (outline ${f.outline})`).toBe(true);
}

/** axe on a copy of the banner in an open shadow root (axe, like the page, cannot see into a closed one): same markup, same styles. */
export async function axeOnBanner(tab: Tab): Promise<AxeViolation[]> {
  if (!(await tab.evaluate(() => 'axe' in window))) await tab.evaluate(new Function(axeSource()) as () => void);
  const tags = AXE_TAGS.filter((tag) => tag !== 'best-practice');
  const run = new Function(`
    const copy = document.createElement('div');
    copy.id = 'banner-copy';
    const open = copy.attachShadow({ mode: 'open' });
    for (const node of window.${BANNER_ROOT}.childNodes) open.append(node.cloneNode(true));
    document.body.append(copy);
    return axe.run({ include: [['#banner-copy']] }, { runOnly: { type: 'tag', values: ${JSON.stringify(tags)} }, resultTypes: ['violations'] })
      .then((r) => { copy.remove(); return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })) })); });
  `) as () => Promise<AxeViolation[]>;
  return tab.evaluate(run);
}
