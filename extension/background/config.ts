import embedded from 'virtual:aup-embedded';
import { configProblem } from '../../src/config/config-problems.ts';
import { DeviceConfig, effectiveConfig, type EffectiveConfig } from '../../src/config/device-config.ts';
import { readManaged } from '../platform/storage.ts';
import { installedByPolicy } from '../platform/runtime.ts';
import { localConfigRecord } from './records.ts';

/** Settings typed on the options page of an unmanaged install (record declared in ./records.ts). */
export const LOCAL_CONFIG_KEY = localConfigRecord.key;

/**
 * The build's defaults (scripts/build-inputs.ts): a development build's local server and key,
 * ICT's URL and keys when given at build time, or none — a release build then trusts nothing
 * until ICT's managed settings arrive.
 */
export const DEFAULT_CONFIG: DeviceConfig | null = embedded.defaults && DeviceConfig.parse(embedded.defaults);

export async function loadConfig(): Promise<EffectiveConfig> {
  const [managed, local, byPolicy] = await Promise.all([readManaged(), localConfigRecord.inspect(), installedByPolicy()]);
  const effective = effectiveConfig(managed, local.value?.config, DEFAULT_CONFIG, { byPolicy });
  // Settings that cannot be read are shown on the options page (unless ICT's managed ones apply).
  if (local.problem === null || effective.source === 'managed') return effective;
  return { ...effective, problems: [...effective.problems, configProblem('local-unreadable', { detail: local.problem })] };
}

/** Store settings the options page sent (already validated against DeviceConfig). */
export async function saveLocalConfig(config: DeviceConfig): Promise<void> {
  await localConfigRecord.write({ version: 2, config });
}
