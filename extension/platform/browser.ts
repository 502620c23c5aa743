/**
 * The one import of webextension-polyfill in the code base (ESLint enforces it).
 * Everything else in extension/ goes through the small, named modules beside this one,
 * so browser differences and quirks stay in one room.
 */
import browser from 'webextension-polyfill';

export { browser };
export type { Runtime, Storage, Tabs, Alarms } from 'webextension-polyfill';
