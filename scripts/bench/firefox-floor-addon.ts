/**
 * The cold-start floor for an add-on that holds start-up navigations (`npm run bench -- firefox`,
 * section 1): AUP Guard's own built manifest (same id, permissions and web-accessible pages, so
 * Firefox starts it the same way), with a background that does nothing but send a start-up URL
 * from a blocking `webRequest` listener to a static page with no script. Its launch → page time
 * is what Firefox itself takes to start an add-on's background page, hold the navigation for it
 * and show an extension page; what AUP Guard takes beyond it is ours.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DIST_FIREFOX, ROOT } from '../../tests/e2e/support/paths.ts';

/** The page the floor add-on shows; the bench waits for an address containing it. */
export const FLOOR_PAGE = 'floor-blocked.html';

/** Its background: a start-up URL whose path holds `marker` goes to FLOOR_PAGE; the page is its own (as AUP Guard's marks). */
function background(marker: string): string {
  return `performance.mark('aup:background script');
browser.webRequest.onBeforeRequest.addListener(
  (d) => (d.url.includes(${JSON.stringify(marker)}) ? { redirectUrl: browser.runtime.getURL(${JSON.stringify(FLOOR_PAGE)}) + '?from=' + encodeURIComponent(d.url) } : undefined),
  { urls: ['<all_urls>'], types: ['main_frame'] },
  ['blocking'],
);
performance.mark('aup:guard ready');
`;
}

/** Build the floor add-on as an XPI in `dir` (from dist/firefox: build first) and return its path (sideload it under AUP Guard's id). */
export function floorAddonXpi(dir: string, marker: string): string {
  const source = join(dir, 'source');
  cpSync(DIST_FIREFOX, source, { recursive: true });
  const manifestPath = join(source, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { background: { scripts: string[] }; web_accessible_resources: Array<{ resources: string[] }> };
  writeFileSync(join(source, manifest.background.scripts[0]!), background(marker));
  manifest.web_accessible_resources[0]!.resources.push(FLOOR_PAGE);
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  writeFileSync(join(source, FLOOR_PAGE), '<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8"><title>Blocked</title></head><body><h1>This site is blocked</h1></body></html>\n');
  execFileSync(process.execPath, [join(ROOT, 'node_modules/web-ext/bin/web-ext.js'), 'build', '--source-dir', source, '--artifacts-dir', dir, '--overwrite-dest', '--filename', 'floor.xpi'], { stdio: 'ignore' });
  return join(dir, 'floor.xpi');
}
