import { browser } from './browser.ts';

/* Alarms survive the worker going to sleep; timers do not. */

export async function setAlarmAt(name: string, when: number): Promise<void> {
  await browser.alarms.create(name, { when: Math.max(when, Date.now() + 1_000) });
}

export async function hasAlarm(name: string): Promise<boolean> {
  return (await browser.alarms.get(name)) !== undefined;
}

/** When the alarm `name` will fire (ms since the epoch), or null when there is none. */
export async function alarmTime(name: string): Promise<number | null> {
  return (await browser.alarms.get(name))?.scheduledTime ?? null;
}

export async function clearAlarm(name: string): Promise<void> {
  await browser.alarms.clear(name);
}

export function onAlarm(listener: (name: string) => void): void {
  browser.alarms.onAlarm.addListener((alarm) => listener(alarm.name));
}

/** A repeating daily alarm, created once (an existing one keeps its schedule). */
export async function ensureDailyAlarm(name: string): Promise<void> {
  if (await hasAlarm(name)) return;
  await browser.alarms.create(name, { delayInMinutes: 1, periodInMinutes: 24 * 60 });
}
