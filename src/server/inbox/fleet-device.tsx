/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import { SEVERITIES } from '../../protocol/checkin-wire.ts';
import type { StoredCheckin, StoredDevice } from '../checkin-store.ts';
import { behindNote, deviceLabel } from './fleet-page.tsx';
import { BROWSER_NAMES, FINDING_WORDS, SEVERITY_WORDS } from './fleet-words.ts';
import type { Translator } from './i18n.ts';
import { page } from './layout.tsx';

/**
 * /inbox/fleet/<deviceId>: one device — what it runs, the policy in force, each finding with
 * what ICT can do about it, and its recent check-ins. Details come from the device (another
 * extension's name, a sync error): text only.
 */

const rank = (severity: (typeof SEVERITIES)[number]) => SEVERITIES.indexOf(severity);

function Facts({ tr, d }: { tr: Translator; d: StoredDevice }) {
  const { t } = tr;
  const c = d.checkin;
  const p = c.policy;
  return (
    <dl>
      <dt>{t('rowDeviceId')}</dt><dd><code>{d.deviceId}</code></dd>
      <dt>{t('rowDeviceName')}</dt><dd>{c.deviceName ?? t('notGiven')}</dd>
      <dt>{t('userIdentityLabel')}</dt><dd>{c.userIdentity ?? t('notGiven')}</dd>
      <dt>{t('colGroup')}</dt><dd>{c.group || t('groupNotSet')}</dd>
      <dt>{t('colBrowser')}</dt><dd>{BROWSER_NAMES[c.extension.browser]} {c.extension.browserVersion}</dd>
      <dt>{t('rowExtension')}</dt><dd>{c.extension.version}</dd>
      <dt>{t('rowInstalledByPolicy')}</dt><dd>{c.installedByPolicy ? t('valueYes') : t('valueNo')}</dd>
      <dt>{t('rowPolicy')}</dt>
      <dd>{p.source === 'bundle' && p.serial !== null && p.issuedAt && p.expiresAt
        ? t('policyBundle', p.serial, tr.dateTime(p.issuedAt), tr.dateTime(p.expiresAt)) : t('policyBaseline')}</dd>
      <dt>{t('rowLastSync')}</dt><dd>{p.fetchedAt ? tr.dateTime(p.fetchedAt) : t('never')}</dd>
      <dt>{t('rowLastError')}</dt><dd>{p.lastError ?? t('noneGiven')}</dd>
      <dt>{t('rowLastSeen')}</dt><dd>{tr.dateTime(d.lastSeen)}</dd>
      <dt>{t('rowFirstSeen')}</dt><dd>{tr.dateTime(d.firstSeen)}</dd>
      <dt>{t('rowDeviceClock')}</dt><dd>{tr.dateTime(c.at)}</dd>
    </dl>
  );
}

function Findings({ tr, d }: { tr: Translator; d: StoredDevice }) {
  const { t } = tr;
  const findings = [...d.checkin.findings].sort((a, b) => rank(a.severity) - rank(b.severity));
  if (findings.length === 0) return <p>{t('deviceNoFindings')}</p>;
  return (
    <table>
      <caption>{t('findingsCaption')}</caption>
      <thead><tr>
        <th scope="col">{t('colSeverity')}</th><th scope="col">{t('findingLabel')}</th><th scope="col">{t('colDetail')}</th><th scope="col">{t('colFix')}</th>
      </tr></thead>
      <tbody>
        {findings.map((f) => (
          <tr>
            <td>{f.severity === 'high' ? <strong class="tag">{t(SEVERITY_WORDS[f.severity])}</strong> : t(SEVERITY_WORDS[f.severity])}</td>
            <th scope="row">{t(FINDING_WORDS[f.id].title)}</th>
            <td>{f.detail ?? t('noneGiven')}</td>
            <td>{t(FINDING_WORDS[f.id].fix)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Recent({ tr, checkins }: { tr: Translator; checkins: StoredCheckin[] }) {
  const { t } = tr;
  const counts = (c: StoredCheckin['checkin']) => SEVERITIES.map((s) => c.findings.filter((f) => f.severity === s).length) as [number, number, number];
  return (
    <table>
      <caption>{t('recentCaption')}</caption>
      <thead><tr>
        <th scope="col">{t('colReceived')}</th><th scope="col">{t('colDeviceClock')}</th><th scope="col">{t('colPolicySerial')}</th><th scope="col">{t('colFindings')}</th>
      </tr></thead>
      <tbody>
        {checkins.map(({ checkin: c, receivedAt }) => (
          <tr>
            <td>{tr.dateTime(receivedAt)}</td>
            <td>{tr.dateTime(c.at)}</td>
            <td>{c.policy.serial ?? t('serialBaseline')}</td>
            <td>{t('findingCounts', ...counts(c))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function devicePage(tr: Translator, d: StoredDevice, checkins: StoredCheckin[], validityMs: number | null, csrf: string): string {
  const { t } = tr;
  const title = t('fleetDeviceTitle', deviceLabel(d));
  return page(tr, title, <>
    <p><a href="/inbox/fleet">{t('backToFleet')}</a></p>
    <h1>{title}</h1>
    {d.behind && (
      <div class="warning" role="note" aria-labelledby="behind-title">
        <h2 id="behind-title">{t('deviceBehindTitle')}</h2>
        <p>{behindNote(tr, validityMs)}</p>
      </div>
    )}
    <Facts tr={tr} d={d} />
    <Findings tr={tr} d={d} />
    <Recent tr={tr} checkins={checkins} />
  </>, { csrf, section: 'fleet' });
}
