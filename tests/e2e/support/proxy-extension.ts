import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * A small extension that takes control of the browser's proxy settings as soon as it runs, as a
 * "free VPN" would: a PAC script that sends everything DIRECT, so the tests' own traffic is not
 * changed while the setting is held by another extension. Built in the test, per browser.
 */

export const PROXY_EXTENSION_NAME = 'AUP Guard test proxy';
export const PROXY_EXTENSION_GECKO_ID = 'test-proxy@aup-guard.test';

const PAC = 'function FindProxyForURL(url, host) { return "DIRECT"; }';

export function writeProxyExtension(dir: string, browser: 'chromium' | 'firefox'): string {
  mkdirSync(dir, { recursive: true });
  const manifest = browser === 'chromium'
    ? { manifest_version: 3, name: PROXY_EXTENSION_NAME, version: '1.0', permissions: ['proxy'], background: { service_worker: 'proxy-setter.js' } }
    : {
        manifest_version: 2, name: PROXY_EXTENSION_NAME, version: '1.0', permissions: ['proxy'], background: { scripts: ['proxy-setter.js'] },
        browser_specific_settings: { gecko: { id: PROXY_EXTENSION_GECKO_ID } },
      };
  const script = browser === 'chromium'
    ? `chrome.proxy.settings.set({ value: { mode: 'pac_script', pacScript: { data: ${JSON.stringify(PAC)} } }, scope: 'regular' });\n`
    : `browser.proxy.settings.set({ value: { proxyType: 'autoConfig', autoConfigUrl: ${JSON.stringify(`data:application/x-ns-proxy-autoconfig,${encodeURIComponent(PAC)}`)} } })` +
      `.then(() => console.log('test proxy: set'), (e) => console.error('test proxy: refused', e.message));\n`;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'proxy-setter.js'), script);
  return dir;
}
