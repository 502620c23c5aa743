import { DeviceConfig, issueCode } from '../../../src/config/device-config.ts';
import type { SettingsIssue, SettingsReply, SettingsSaveReply } from '../../../src/protocol/settings.ts';
import type { MessageSender } from '../../platform/runtime.ts';
import { loadConfig, saveLocalConfig } from '../config.ts';
import { route } from '../router.ts';
import { refreshNow } from './status.ts';

/*
 * The options page: the configuration in force, and the settings of an unmanaged install.
 */

/** The configuration in force, for the options page; the report token never leaves the worker. */
async function settings(): Promise<SettingsReply> {
  const { source, config, problems, notices, fields } = await loadConfig();
  const standIn = source === 'unconfigured' || ((source === 'managed' || source === 'pending') && problems.length > 0);
  return {
    type: 'settings',
    source,
    managed: source === 'managed',
    config: {
      // Where ICT's values are missing or unusable (or nobody configured anything), the address and
      // keys in force are stand-ins nothing is fetched with: show none rather than look configured.
      policyUrl: standIn ? '' : config.policyUrl,
      trustedKeys: standIn ? [] : config.trustedKeys,
      group: config.group ?? null,
      refreshMinutes: config.refreshMinutes,
      userIdentity: config.userIdentity ?? null,
      deviceName: config.deviceName ?? null,
      checkinHours: config.checkinHours,
      reportEndpoint: config.reportEndpoint ?? null,
      reportTokenSet: !!config.reportToken,
    },
    // "Not configured" is the status's to say; here only problems with settings someone gave.
    problems: [...problems, ...notices].filter((p) => p.code !== 'not-configured'),
    ...(fields ? { fields } : {}),
  };
}

/**
 * Options page of an unmanaged install: validate again here (the page is not trusted blindly),
 * store the settings, then check for the policy they name and answer with the new status.
 * ICT's managed settings always win: they cannot be changed from a page.
 */
async function saveSettings(raw: Record<string, unknown>, sender: MessageSender): Promise<SettingsSaveReply> {
  const refuse = (reason: 'managed' | 'pending' | 'invalid' | 'forbidden', issues: SettingsIssue[] = []): SettingsSaveReply =>
    ({ type: 'settings/save', ok: false, reason, issues });
  if (!sender.fromExtensionPage) return refuse('forbidden');
  const { source, config: current } = await loadConfig();
  if (source === 'managed' || source === 'pending') return refuse(source);
  // The form edits some fields; keep the others (identity, report endpoint and token, device name, check-in interval) as stored.
  const kept = source === 'local'
    ? Object.fromEntries(Object.entries({
      userIdentity: current.userIdentity, reportEndpoint: current.reportEndpoint, reportToken: current.reportToken, deviceName: current.deviceName, checkinHours: current.checkinHours,
    }).filter(([, v]) => v !== undefined))
    : {};
  const parsed = DeviceConfig.safeParse({ ...kept, ...raw });
  if (!parsed.success) {
    return refuse('invalid', parsed.error.issues.map((i) => ({
      path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
      message: i.message,
      issue: issueCode(i),
    })));
  }
  await saveLocalConfig(parsed.data);
  return { type: 'settings/save', ok: true, status: await refreshNow() };
}

export const settingsRoutes = [
  route('settings/get', 'extension-page', () => settings()),
  // Answers any sender with a refusal, so a page that may not save hears why.
  route('settings/save', 'anyone', (m, sender) => saveSettings(m.config, sender)),
];
