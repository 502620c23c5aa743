import { browser } from './browser.ts';

/**
 * Turn off the browser's network prediction (DNS prefetch, preconnect, prerender). Measured in
 * Chromium: with it on, typing or following a link to a blocked https:// host opened one or two
 * TLS connections naming that host before DNR sent the tab to the block page, so firewall and
 * proxy logs showed the device contacting a prohibited site the person never saw. Deployment
 * templates also set the browsers' own policy (NetworkPredictionOptions) as a second layer.
 * Returns what the browser reports afterwards, so failures can be seen.
 */
export async function disableNetworkPrediction(): Promise<{ value: unknown; levelOfControl: string }> {
  const setting = browser.privacy.network.networkPredictionEnabled;
  await setting.set({ value: false });
  const now = await setting.get({});
  return { value: now.value, levelOfControl: now.levelOfControl };
}
