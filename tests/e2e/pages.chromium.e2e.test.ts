import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { chromeExtensionPage, launchChromium, type ChromiumRig } from './support/chromium.ts';
import { formatViolations, runAxe } from './support/axe.ts';
import { DEV_PUBLIC_KEY, E2E_GROUP } from './support/bundles.ts';
import { startHarness, type Harness } from './support/enforcement-suite.ts';
import { DIST_CHROME, ROOT, assertBuilt, tempDir } from './support/paths.ts';
import { type ExtensionPage } from '../../src/protocol/page-location.ts';

/*
 * Every extension page in Chromium with the extension loaded: axe-core finds nothing (WCAG 2.2
 * A/AA and best practice), the keyboard reaches every control in order with a visible focus
 * ring, a hostile address on the block page stays text, and the options page's form and status
 * work against a signed bundle served locally. Full-page screenshots go to
 * test-results/screenshots/ for a person to look at.
 */

const SHOTS = join(ROOT, 'test-results/screenshots');
const HOSTILE = 'https://www.bet365.com/x?<script>alert(1)</script>';

type Focused = { desc: string; focusVisible: boolean; outlineStyle: string; outlineWidth: string };

describe('Chromium: extension pages are accessible, keyboard-operable and safe', () => {
  let h: Harness;
  let rig: ChromiumRig;
  const dialogs: string[] = [];
  // A private copy of the build: a rebuild of dist/ while the browser runs must not pull the
  // extension from under it. The rig reads the extension id from its service worker's address.
  const copy = tempDir('pages-ext');

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    assertBuilt(DIST_CHROME);
    cpSync(DIST_CHROME, copy.path, { recursive: true, filter: (src) => !src.includes('_metadata') });
    h = await startHarness();
    rig = await launchChromium({ extensionDir: copy.path });
    // Chromium on Linux reads enterprise policy from /etc/chromium/policies for every profile: a
    // policy-install test running at the same time makes this install managed, and the form gone.
    if (!rig.worker) throw new Error('the extension\'s service worker did not start');
    const managed = await rig.worker.evaluate(async () =>
      (globalThis as unknown as { chrome: { storage: { managed: { get(k: null): Promise<object> } } } }).chrome.storage.managed.get(null));
    if (Object.keys(managed).length > 0) {
      throw new Error(`these tests need an unmanaged install, but Chromium gave the extension managed settings ${JSON.stringify(managed)} (is a policy-install test running at the same time?)`);
    }
  });
  afterAll(async () => {
    await rig?.close();
    await h?.server.close();
    h?.cleanup();
    copy.remove();
  });

  async function open(name: ExtensionPage, suffix = '', viewport = { width: 1024, height: 768 }): Promise<Page> {
    const page = await rig.context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.setViewportSize(viewport);
    await page.goto(chromeExtensionPage(rig, name) + suffix, { waitUntil: 'load' });
    await page.locator('h1').waitFor();
    return page;
  }

  async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
    const violations = await runAxe(page);
    if (violations.length > 0) console.error(`axe violations on ${what}:\n${formatViolations(violations)}`);
    expect(violations.map((v) => v.id), `axe on ${what}:\n${formatViolations(violations)}`).toEqual([]);
  }

  /** Tab from the top of the page: every control, in document order, each with a visible focus ring. */
  async function expectKeyboardReachesEverything(page: Page, what: string): Promise<string[]> {
    const expected = await page.evaluate(() => {
      const describe = (el: Element) =>
        `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? '').trim().slice(0, 40) || (el.getAttribute('name') ?? '')}"`;
      const selector = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
      // A radio group is one tab stop: its checked radio, or its first when none is checked.
      const isTabStop = (el: Element) => {
        if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || !el.name) return true;
        const group = [...document.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${el.name}"]`)];
        return el === (group.find((r) => r.checked) ?? group[0]);
      };
      return [...document.querySelectorAll(selector)]
        .filter((el) => (el as HTMLElement).getClientRects().length > 0 && isTabStop(el))
        .map(describe);
    });
    expect(expected.length, `${what} has controls`).toBeGreaterThan(0);
    // A start point before everything else; not itself in the tab order.
    await page.evaluate(() => {
      const start = document.createElement('span');
      start.id = '__tab-start';
      start.tabIndex = -1;
      document.body.prepend(start);
      start.focus();
    });
    const seen: Focused[] = [];
    // A date and time field takes several presses (one per part): count each control once.
    for (let presses = 0; seen.length < expected.length && presses < expected.length * 8; presses++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement ?? document.body;
        const style = getComputedStyle(el);
        return {
          desc: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? '').trim().slice(0, 40) || (el.getAttribute('name') ?? '')}"`,
          focusVisible: el.matches(':focus-visible'),
          outlineStyle: style.outlineStyle,
          outlineWidth: style.outlineWidth,
        };
      });
      if (seen.at(-1)?.desc !== focused.desc) seen.push(focused);
    }
    await page.evaluate(() => document.getElementById('__tab-start')?.remove());
    expect(seen.map((s) => s.desc), `tab order on ${what}`).toEqual(expected);
    for (const s of seen) {
      expect(s.focusVisible, `${s.desc} on ${what} matches :focus-visible`).toBe(true);
      expect(s.outlineStyle, `${s.desc} on ${what} has a focus outline`).not.toBe('none');
      expect(parseFloat(s.outlineWidth), `${s.desc} on ${what} outline width`).toBeGreaterThanOrEqual(2);
    }
    return expected;
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  }

  const status = (page: Page) => page.getByTestId('policy-status').textContent();

  it('popup: answers with the status in plain English, passes axe and works by keyboard', async () => {
    const page = await open('popup', '', { width: 400, height: 480 });
    // Just after install the worker is busy with its first enforcement: give it time to answer.
    await expect.poll(() => status(page), { timeout: 20_000 }).not.toMatch(/Checking/);
    const text = (await status(page)) ?? '';
    expect(text).not.toMatch(/could not report its status/);
    expect(text).toMatch(/^(Policy \d+ in force|Using the built-in policy)/);
    expect(await page.getByTestId('status-mode').textContent()).toMatch(/^(Working time|Break|Personal time)/);
    await expectNoAxeViolations(page, 'popup (before any settings)');
    const controls = await expectKeyboardReachesEverything(page, 'popup');
    // "Start my break" and its length field appear only while the schedule allows a break now.
    const always = controls.filter((c) => !/break-minutes|Start my break|End my break/.test(c));
    expect(always).toEqual(['button "Report this site"', 'button "Settings and what we record"']);
    await shot(page, 'popup-first-run');
    await page.close();
  });

  it('options: the unmanaged form shows an invalid policy address as an error next to the field', async () => {
    const page = await open('options');
    await expect.poll(() => status(page), { timeout: 20_000 }).toMatch(/Policy \d+ in force|built-in policy/);
    await page.getByTestId('settings-form').waitFor();
    await page.getByTestId('events-empty').waitFor();
    expect(await page.getByTestId('settings-unmanaged').textContent()).toMatch(/Not managed/);
    await expectNoAxeViolations(page, 'options');
    await expectKeyboardReachesEverything(page, 'options');

    // A release build prefills nothing (it trusts no key of its own): give a valid key, a wrong address.
    expect(await page.getByLabel('Trusted signing keys').inputValue()).toBe('');
    await page.getByLabel('Trusted signing keys').fill(DEV_PUBLIC_KEY);
    const url = page.getByLabel('Policy address');
    await url.fill('ftp://policy.example/manifest.json');
    await page.getByTestId('settings-save').click();
    const error = page.getByTestId('error-policyUrl');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/Enter a policy address that starts with https:\/\//);
    expect(await url.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await url.getAttribute('aria-describedby')) ?? '';
    expect(describedBy.split(' ')).toContain(await error.getAttribute('id'));
    // The error summary takes focus, and its link takes you to the field.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('error-summary');
    await page.getByTestId('error-summary').getByRole('link').first().click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-policyUrl');
    // Nothing was stored: the other fields are still valid and no other field is marked.
    expect(await page.locator('[aria-invalid=true]').count()).toBe(1);
    expect(await page.getByTestId('save-result').textContent()).toBe('');
    await expectNoAxeViolations(page, 'options with an error');
    await shot(page, 'options-error');

    // Several problems at once: each next to its own field.
    await page.getByLabel('Trusted signing keys').fill(`${DEV_PUBLIC_KEY}\n\nnot-a-key`);
    await page.getByLabel('Group').fill('Office Staff');
    await page.getByLabel('Minutes between policy checks').fill('2');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.locator('[aria-invalid=true]').count(), { timeout: 10_000 }).toBe(4);
    expect(await page.getByTestId('error-trustedKeys').textContent()).toMatch(/Line 3 is not a signing key/);
    expect(await page.getByTestId('error-group').textContent()).toMatch(/lower-case/);
    expect(await page.getByTestId('error-refreshMinutes').textContent()).toMatch(/from 5 to 1440/);
    await expectNoAxeViolations(page, 'options with four errors');
    await page.close();
  });

  it('options: valid settings are saved, the policy they name arrives, and the status says so', async () => {
    const page = await open('options');
    await page.getByTestId('settings-form').waitFor();
    await page.getByLabel('Policy address').fill(h.policy.url);
    await page.getByLabel('Trusted signing keys').fill(DEV_PUBLIC_KEY);
    await page.getByLabel('Group').fill(E2E_GROUP);
    await page.getByLabel('Minutes between policy checks').fill('60');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('save-result').textContent(), { timeout: 30_000 }).toMatch(/^Settings saved\. Policy 10 in force, checked just now\./);
    expect(await page.locator('[aria-invalid=true]').count()).toBe(0);
    expect(await status(page)).toMatch(/^Policy 10 in force, checked just now\.$/);
    expect(await page.getByTestId('status-serial').textContent()).toBe('10');
    expect(await page.getByTestId('status-facts').textContent()).toMatch(/Set on this page \(for testing only\)/);
    expect(await page.getByTestId('status-facts').textContent()).toMatch(/End-to-end tests \(e2e\)/);
    expect(await page.getByTestId('status-last-error').textContent()).toBe('None');

    // "Check for a new policy now" sends policy/refresh and shows the answer.
    await page.getByTestId('refresh-policy').click();
    await expect.poll(() => page.getByTestId('refresh-result').textContent(), { timeout: 30_000 }).toMatch(/^Checked at \d\d:\d\d\. Policy 10 in force/);
    await expectNoAxeViolations(page, 'options with a policy');
    await shot(page, 'options');
    await page.close();

    // A fresh page reads back what was stored.
    const again = await open('options');
    await again.getByTestId('settings-form').waitFor();
    expect(await again.getByLabel('Policy address').inputValue()).toBe(h.policy.url);
    expect(await again.getByLabel('Group').inputValue()).toBe(E2E_GROUP);
    await again.close();
  });

  it('popup: shows the policy in force, the time of day and the group', async () => {
    const page = await open('popup', '', { width: 400, height: 480 });
    await expect.poll(() => status(page), { timeout: 10_000 }).toMatch(/^Policy 10 in force, checked (just now|\d+ minutes? ago)\.$/);
    expect(await page.getByTestId('status-group').textContent()).toBe('End-to-end tests');
    expect(await page.getByTestId('status-warnings').count()).toBe(0);
    await expectNoAxeViolations(page, 'popup');
    await expectKeyboardReachesEverything(page, 'popup');
    await shot(page, 'popup');
    await page.close();
  });

  it('popup and options: a failed check is a clear warning, and protection stays on', async () => {
    h.policy.down();
    const options = await open('options');
    await options.getByTestId('settings-form').waitFor();
    await options.getByTestId('refresh-policy').click();
    await expect.poll(() => options.getByTestId('refresh-result').textContent(), { timeout: 30_000 })
      .toMatch(/AUP Guard could not check for a new policy: the policy server could not be reached or did not answer\. Protection stays on\./);
    expect(await options.getByTestId('status-warnings').textContent()).toMatch(/could not check for a new policy.*Protection stays on/);
    // The plain words for staff; the technical detail for ICT beside "Last problem".
    expect(await options.getByTestId('status-last-error').textContent()).toMatch(/HTTP 503/);
    // "checked just now" would mislead after a failed check.
    expect(await status(options)).toMatch(/^Policy 10 in force, received (just now|\d+ minutes? ago)\.$/);
    await expectNoAxeViolations(options, 'options with a failed check');
    await shot(options, 'options-check-failed');
    await options.close();

    const popup = await open('popup', '', { width: 400, height: 480 });
    await expect.poll(() => status(popup), { timeout: 10_000 }).toMatch(/^Policy 10 in force, received/);
    expect(await status(popup)).not.toMatch(/could not report its status/);
    expect(await popup.getByTestId('status-warnings').textContent()).toMatch(/^AUP Guard could not check for a new policy: .*Protection stays on\.$/);
    await expectNoAxeViolations(popup, 'popup with a failed check');
    await shot(popup, 'popup-check-failed');
    await popup.close();

    h.policy.serve(join(h.bundles, 'good-10'));
  });

  it('blocked: a hostile address is shown as text and never becomes markup', async () => {
    const page = await open('blocked', `?c=gambling#${HOSTILE}`);
    await page.getByTestId('page-clause').waitFor();
    const shown = (await page.getByTestId('page-url').textContent()) ?? '';
    expect(shown).toContain('https://www.bet365.com/x?');
    expect(shown).toMatch(/script/);
    const scripts = await page.evaluate(() => [...document.scripts].map((s) => ({ src: s.src, text: s.text })));
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) {
      expect(s.src, 'only the page\'s own module scripts').toMatch(new RegExp(`^chrome-extension://${rig.extensionId}/`));
      expect(s.text).toBe('');
    }
    expect(await page.evaluate(() => document.querySelectorAll('[data-testid=page-url] *').length)).toBe(0);
    expect(dialogs).toEqual([]);
    expect(await page.locator('h1').count()).toBe(1);
    await expectNoAxeViolations(page, 'blocked');
    await expectKeyboardReachesEverything(page, 'blocked');
    await shot(page, 'blocked');
    await page.close();

    // A very long address wraps on a narrow screen (WCAG 1.4.10 reflow): no sideways scrolling.
    const long = `https://www.bet365.com/${'very-long-path-segment/'.repeat(20)}?q=${'x'.repeat(200)}`;
    const narrow = await open('blocked', `?c=gambling#${long}`, { width: 320, height: 640 });
    await narrow.getByTestId('page-clause').waitFor();
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectNoAxeViolations(narrow, 'blocked (narrow, long address)');
    await shot(narrow, 'blocked-narrow');
    await narrow.close();
  });

  it('warn: "Go back" has focus on load; the page passes axe and works by keyboard', async () => {
    const page = await open('warn', '?c=streaming#https://www.netflix.com/');
    await page.getByTestId('page-clause').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), { timeout: 10_000 }).toBe('warn-back');
    expect(await page.getByTestId('page-url').textContent()).toBe('https://www.netflix.com/');
    await expectNoAxeViolations(page, 'warn');
    await expectKeyboardReachesEverything(page, 'warn');
    await shot(page, 'warn');
    await page.close();
  });

  it('warn inside an invisible frame of a hostile page: no Continue to click, a Continue sent from the frame is refused, nothing is recorded', async () => {
    const target = h.server.url('www.netflix.com', '/clickjacked');
    // The warn page is web-accessible only at a per-session URL (use_dynamic_url): a hostile page
    // cannot frame it by its fixed address (enforcement.chromium.e2e.test.ts), but framing the
    // warned site itself gets it there by the redirect.
    h.server.route((req, res) => {
      if (req.url !== '/clickjack') return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><title>Win a prize</title><h1>Click the button</h1><iframe title="x" style="opacity:0" src="${target}"></iframe>`);
      return true;
    });
    type Api = { storage: { local: { get(k: string): Promise<Record<string, { events?: unknown[] }>> } }; runtime: { sendMessage(m: unknown): Promise<unknown> } };
    const events = async () => (await rig.worker!.evaluate(async (key) => ((await (globalThis as unknown as { chrome: Api }).chrome.storage.local.get(key))[key]?.events?.length ?? 0), 'aup.events'));
    const before = await events();
    const page = await rig.context.newPage();
    await page.goto(h.server.url('prize.example.test', '/clickjack'), { waitUntil: 'load' });
    await expect.poll(() => page.frames().some((f) => f.url().includes('/extension/pages/warn/')), { timeout: 10_000 }).toBe(true);
    const frame = page.frames().find((f) => f.url().includes('/extension/pages/warn/'));
    if (!frame) throw new Error('the warn page did not load in the frame');
    await frame.getByTestId('warn-open-in-tab').waitFor();
    expect(await frame.getByTestId('warn-continue').count()).toBe(0);
    const reply = await frame.evaluate((url) => (globalThis as unknown as { chrome: Api }).chrome.runtime.sendMessage({ type: 'warn/continue', url, category: 'streaming' }), target);
    expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/top of the tab/) });
    expect(await events()).toBe(before);
    const violations = await runAxe(frame as unknown as Page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await page.close();
  });

  for (const name of ['report', 'welcome'] as const) {
    it(`${name}: passes axe and works by keyboard`, async () => {
      const page = await open(name);
      expect(await page.locator('h1').count()).toBe(1);
      await expectNoAxeViolations(page, name);
      const controls = await page.locator('a[href], button, input, textarea, select').count();
      if (controls > 0) await expectKeyboardReachesEverything(page, name);
      await shot(page, name);
      await page.close();
    });
  }

  it('report and welcome refuse to work inside a frame: only "open in its own tab", no form', async () => {
    const page = await open('options');
    for (const name of ['report', 'welcome'] as const) {
      await page.evaluate((src) => {
        document.getElementById('framed-test')?.remove();
        const frame = document.createElement('iframe');
        frame.id = 'framed-test';
        frame.src = src;
        document.body.append(frame);
      }, chromeExtensionPage(rig, name));
      const frame = page.frameLocator('#framed-test');
      await expect.poll(() => frame.getByTestId('framed-refusal').count(), { timeout: 10_000, message: name }).toBe(1);
      expect(await frame.locator('form, input, textarea').count(), name).toBe(0);
      expect(await frame.locator('a[target=_blank]').getAttribute('href'), name).toBe(chromeExtensionPage(rig, name));
    }
    await page.close();
  });

  it('options: what is recorded about the user lists a "continue" on a warned site', async () => {
    const tab = await rig.context.newPage();
    await tab.goto(h.server.url('www.netflix.com', '/watch?secret=1#frag'), { waitUntil: 'load' }).catch(() => undefined);
    await expect.poll(() => tab.url(), { timeout: 10_000 }).toContain('/extension/pages/warn/index.html');
    await tab.getByTestId('warn-continue').click();
    await expect.poll(() => tab.url(), { timeout: 15_000 }).toMatch(/^http:\/\/www\.netflix\.com/);
    await tab.close();

    const page = await open('options');
    const table = page.getByTestId('events-table');
    await table.waitFor();
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('Continued past a warning');
    expect(text).toContain('Streaming video and music');
    expect(text).toContain(`http://www.netflix.com:${h.server.port}/watch`);
    expect(text).not.toContain('secret=1');
    await expectNoAxeViolations(page, 'options with recorded events');
    await shot(page, 'options-record');
    await page.close();

    // The whole options page reflows at 320px: no sideways scrolling.
    const narrow = await open('options', '', { width: 320, height: 640 });
    await narrow.getByTestId('events-table').waitFor();
    await narrow.getByTestId('settings-form').waitFor();
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await shot(narrow, 'options-narrow');
    await narrow.close();
  });
});
