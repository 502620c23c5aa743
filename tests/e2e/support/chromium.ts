import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { CHROMIUM, DIST_CHROME, tempDir } from './paths.ts';
import { CHROME_DEV_ID } from '../../../manifest.config.ts';
import { pagePath, type ExtensionPage } from '../../../src/protocol/page-location.ts';

export type ChromiumRig = {
  context: BrowserContext;
  extensionId: string;
  worker: Worker | null;
  userDataDir: string;
  close(): Promise<void>;
};

type Options = {
  /** Keep a profile across launches (restart tests); a fresh temporary one otherwise. */
  userDataDir?: string;
  extensionDir?: string | null;
  args?: string[];
  /**
   * The extension comes from enterprise policy (force-install): Chromium's extension updater
   * must be allowed to run, so background networking stays on (every host still resolves to
   * the local test server, so nothing leaves the machine).
   */
  policyInstalled?: boolean;
  /** Wait for the extension's service worker (not possible for a policy-installed one: Playwright does not see it). */
  waitForWorker?: boolean;
  /** Other unpacked extensions loaded beside it (a test extension); the rig's worker stays AUP Guard's. */
  alongside?: string[];
};

/** The service worker file an unpacked extension's manifest names. */
function workerFile(extensionDir: string): string | null {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as { background?: { service_worker?: string } };
  return manifest.background?.service_worker ?? null;
}

/** Flags measured on these machines: no background traffic, every host resolved to the test server. */
export function chromiumArgs(extensionDir: string | null, extra: string[] = [], policyInstalled = false): string[] {
  return [
    ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    ...(policyInstalled ? [] : ['--disable-background-networking', '--disable-component-update']),
    '--disable-sync', '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable',
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
    // Playwright's own defaults would disable extensions and, for policy installs, the updater.
    ignoreDefaultArgs: options.policyInstalled
      ? ['--disable-extensions', '--disable-background-networking', '--disable-component-update', '--disable-default-apps', '--disable-component-extensions-with-background-pages']
      : ['--disable-extensions'],
    args: chromiumArgs([extensionDir, ...(options.alongside ?? [])].filter((d) => d !== null).join(',') || null, options.args, options.policyInstalled),
  });
  // With other extensions beside it, AUP Guard's worker is the one running its manifest's file.
  const file = extensionDir && options.alongside?.length ? workerFile(extensionDir) : null;
  const ours = (w: Worker) => file === null || w.url().endsWith(`/${file}`);
  const worker =
    options.waitForWorker === false ? null : (context.serviceWorkers().find(ours) ?? (await context.waitForEvent('serviceworker', { predicate: ours, timeout: 60_000 })));
  const extensionId = worker ? new URL(worker.url()).host : CHROME_DEV_ID;
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

export function chromeExtensionPage(rig: ChromiumRig, page: ExtensionPage): string {
  return `chrome-extension://${rig.extensionId}/${pagePath(page)}`;
}

/**
 * Start Chromium as a plain process with start-up URLs on its command line (Playwright refuses
 * them), as a user's browser starts; for restart tests that only need the server's request log.
 */
export async function startChromiumProcess(userDataDir: string, startUrls: string[], options: { policyInstalled?: boolean } = {}): Promise<{ stop(): Promise<void> }> {
  const { spawn } = await import('node:child_process');
  const child = spawn(CHROMIUM, ['--headless', `--user-data-dir=${userDataDir}`, ...chromiumArgs(null, [], options.policyInstalled), ...startUrls], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
