import embedded from 'virtual:aup-embedded';
import { DeviceConfig, effectiveConfig, type EffectiveConfig } from '../../src/config/device-config.ts';
import { readManaged } from '../platform/storage.ts';
import { installedByPolicy } from '../platform/runtime.ts';
import { localConfigRecord } from './records.ts';

/** Settings typed on the options page of an unmanaged install (record declared in ./records.ts). */
export const LOCAL_CONFIG_KEY = localConfigRecord.key;

/** Embedded defaults: the local development server of `npm start` and its development key. */
export const DEFAULT_CONFIG: DeviceConfig = DeviceConfig.parse(embedded.defaults);

export async function loadConfig(): Promise<EffectiveConfig> {
  const [managed, local, byPolicy] = await Promise.all([readManaged(), localConfigRecord.inspect(), installedByPolicy()]);
  const effective = effectiveConfig(managed, local.value?.config, DEFAULT_CONFIG, { byPolicy });
  // Settings that cannot be read are shown on the options page (unless ICT's managed ones apply).
  if (local.problem === null || effective.source === 'managed') return effective;
  return { ...effective, problems: [...effective.problems, `settings: ${local.problem}`] };
}

/** Store settings the options page sent (already validated against DeviceConfig). */
export async function saveLocalConfig(config: DeviceConfig): Promise<void> {
  await localConfigRecord.write({ version: 2, config });
}
