import type { DeviceConfig } from '../config/device-config.ts';

/**
 * Google Admin console (Chrome Enterprise): Devices → Chrome → Apps & extensions → the
 * extension → "Policy for extensions" takes the managed settings as JSON, each wrapped as
 * `{ "Value": … }`. Org units inherit from their parent, so a unit needs only its own file.
 */
export function googleAdminPolicy(settings: DeviceConfig): Record<string, { Value: unknown }> {
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined).map(([k, v]) => [k, { Value: v }]));
}
