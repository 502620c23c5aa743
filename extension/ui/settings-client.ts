import {
  EventsReply, SettingsReply, SettingsSaveReply, StatusReply, type PageToWorker,
} from '../../src/protocol/messages.ts';
import { sendToWorker } from '../platform/runtime.ts';

/*
 * Typed, validated requests from the options page (and the popup) to the worker, beside
 * worker-client.ts: the request is checked against the protocol before it is sent, and a
 * reply that is not what we expect throws.
 */

async function ask(message: PageToWorker): Promise<unknown> {
  return sendToWorker(message);
}

/** Check for a new policy now; the status after the attempt. */
export async function refreshPolicy(): Promise<StatusReply> {
  return StatusReply.parse(await ask({ type: 'policy/refresh' }));
}

export async function fetchSettings(): Promise<SettingsReply> {
  return SettingsReply.parse(await ask({ type: 'settings/get' }));
}

/** Store settings on an unmanaged install; the worker validates them again and says why if not. */
export async function saveSettings(config: Record<string, unknown>): Promise<SettingsSaveReply> {
  return SettingsSaveReply.parse(await ask({ type: 'settings/save', config }));
}

export async function fetchEvents(): Promise<EventsReply> {
  return EventsReply.parse(await ask({ type: 'events/get' }));
}
