import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { Tab } from './driver.ts';

/** axe-core's own bundle, from node_modules (a dev dependency; nothing is downloaded). */
export const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: unknown[]; html: string; failureSummary?: string }>;
};

/** WCAG 2.0–2.2 A and AA, plus axe's best practices (landmarks, one h1, headings in order). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function inject(page: Page): Promise<void> {
  if (await page.evaluate(() => 'axe' in window)) return;
  try {
    await page.addScriptTag({ path: AXE_PATH });
  } catch {
    // An extension page's CSP (script-src 'self') refuses an inline <script>; evaluating the
    // source through the DevTools protocol is not subject to the page's CSP.
    await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
  }
  if (!(await page.evaluate(() => 'axe' in window))) throw new Error('axe-core could not be injected into the page');
}

/** The script that runs axe in a page where it is injected (`TAGS` as argument), for any driver. */
export async function axeInPage(tags: string[]): Promise<AxeViolation[]> {
  const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
  const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
  }));
}

export const AXE_TAGS = TAGS;
export const axeSource = (): string => readFileSync(AXE_PATH, 'utf8');

/** Run axe on the whole page; returns the violations (empty when the page passes). */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await inject(page);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  }, TAGS);
}

/** A readable report of violations, for a failing assertion's message. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => [
      `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.helpUrl}`,
      ...v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.html}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`),
    ].join('\n'))
    .join('\n');
}

/**
 * axe through the Tab interface (both browsers), injected through the automation protocol, which
 * neither a web page's nor an extension page's Content-Security-Policy governs.
 */
export async function axeOnTab(tab: Tab): Promise<AxeViolation[]> {
  if (!(await tab.evaluate(() => 'axe' in window))) await tab.evaluate(new Function(readFileSync(AXE_PATH, 'utf8')) as () => void);
  return tab.evaluate(new Function(`return window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(TAGS)} }, resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })) })));`) as () => AxeViolation[]);
}
