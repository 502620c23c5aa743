import embedded from 'virtual:aup-embedded';
import { DeviceConfig, effectiveConfig, type EffectiveConfig } from '../../src/config/device-config.ts';
import { readLocal, readManaged } from '../platform/storage.ts';

/** Settings typed on the options page of an unmanaged install (versioned in the stored value). */
export const LOCAL_CONFIG_KEY = 'aup.localConfig.v1';

/** Embedded defaults: the local development server of `npm start` and its development key. */
export const DEFAULT_CONFIG: DeviceConfig = DeviceConfig.parse(embedded.defaults);

export async function loadConfig(): Promise<EffectiveConfig> {
  const [managed, local] = await Promise.all([readManaged(), readLocal(LOCAL_CONFIG_KEY)]);
  return effectiveConfig(managed, local, DEFAULT_CONFIG);
}
