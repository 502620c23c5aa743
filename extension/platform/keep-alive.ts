import { browser } from './browser.ts';
import { installedByPolicy } from './runtime.ts';

/**
 * Both browsers stop an idle extension background: Chrome its service worker after 30 s without
 * events or extension API calls, Firefox its event page after 30 s (`extensions.background.idle.
 * timeout`). The next navigation then wakes it, and with AUP Guard's blocking listener that page
 * waits for it to start: 0.16–0.22 s in Chrome, about 0.3 s in Firefox with a million listed hosts
 * (performance.md). An extension API call that reaches the browser process resets both timers
 * (Firefox: a "parentApiCall" reset of the event page's idle timer, measured in `deploy.firefox`).
 *
 * Chrome's documentation allows keeping a worker alive this way for extensions on managed devices
 * for enterprise or education, and only there ("Keep a service worker alive continuously"). So:
 * only when ICT installed AUP Guard by policy, in every browser. Firefox's deployment also sets a
 * long idle time (`firefoxBackgroundIdleMinutes`); this keeps the page running when ICT leaves
 * Firefox's default.
 *
 * The cost is the background's memory (its matchers: about 7 bytes per listed host) for as long
 * as the browser runs. A background the browser stops anyway (a crash, an update) is woken as
 * before.
 */
const HEARTBEAT_MS = 20_000;

let started = false;

export async function keepWorkerAliveWhenManaged(): Promise<boolean> {
  if (started || !(await installedByPolicy())) return started;
  started = true;
  setInterval(() => void browser.runtime.getPlatformInfo().catch(() => undefined), HEARTBEAT_MS);
  return true;
}
