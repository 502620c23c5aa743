import { browser } from './browser.ts';
import { installedByPolicy } from './runtime.ts';
import { guardMayWait } from './web-request.ts';

/**
 * Chrome stops an extension's service worker after 30 s without events or extension API calls;
 * the next navigation wakes it, and with AUP Guard's blocking listener that page waits for the
 * worker to start (performance.md, "a woken worker lets the rules decide": 0.16–0.22 s on every
 * first page after an idle spell). Chrome's documentation allows keeping a worker alive by
 * calling a trivial extension API periodically for extensions on managed devices for enterprise
 * or education, and only there ("Keep a service worker alive continuously"). So: only when ICT
 * installed AUP Guard by policy, and only in Chrome/Edge. Firefox's event page is kept by the
 * deployment instead (`extensions.background.idle.timeout`, docs/deploying.md), where an API
 * call does not reset its idle timer.
 *
 * The cost is the worker's memory (its matchers: about 7 bytes per listed host) for as long as
 * the browser runs. A worker Chrome stops anyway (a crash, an update) is woken as before.
 */
const HEARTBEAT_MS = 20_000;

let started = false;

export async function keepWorkerAliveWhenManaged(): Promise<boolean> {
  if (started || guardMayWait() || !(await installedByPolicy())) return started;
  started = true;
  setInterval(() => void browser.runtime.getPlatformInfo().catch(() => undefined), HEARTBEAT_MS);
  return true;
}
