import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { CHROMIUM, DIST_CHROME, tempDir } from './paths.ts';

export type ChromiumRig = {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  userDataDir: string;
  close(): Promise<void>;
};

type Options = {
  /** Keep a profile across launches (restart tests); a fresh temporary one otherwise. */
  userDataDir?: string;
  extensionDir?: string | null;
  args?: string[];
};

/** Flags measured on these machines: no background traffic, every host resolved to the test server. */
export function chromiumArgs(extensionDir: string | null, extra: string[] = []): string[] {
  return [
    ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable',
    '--host-resolver-rules=MAP * 127.0.0.1',
    ...extra,
  ];
}

export async function launchChromium(options: Options = {}): Promise<ChromiumRig> {
  const temp = options.userDataDir ? null : tempDir('chromium');
  const userDataDir = options.userDataDir ?? temp!.path;
  const extensionDir = options.extensionDir === undefined ? DIST_CHROME : options.extensionDir;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: chromiumArgs(extensionDir, options.args),
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    userDataDir,
    close: async () => {
      await context.close();
      temp?.remove();
    },
  };
}

export function chromeExtensionPage(rig: ChromiumRig, page: string): string {
  return `chrome-extension://${rig.extensionId}/extension/pages/${page}/index.html`;
}
