import type { StoredKey, StoredWhere } from '../../background/records.ts';
import type { WireFieldPath, WireId } from '../../../src/protocol/wire-fields.ts';
import { t } from '../../platform/i18n.ts';

/*
 * "What AUP Guard records": one entry for every key the extension stores under
 * (extension/background/records.ts, `StoredKey`) and for every field of every request it sends
 * (src/protocol/wire-fields.ts, `WIRES`). The tables are keyed by the definitions' own names, so
 * the type checker fails when a record or a field has no entry, and records-inventory.test.ts
 * fails when an entry names something the definitions no longer have. Values are message keys
 * (public/_locales): the page shows them in English or Welsh.
 */

/** Who can see it: the person (on this page), ICT (the report server, its inbox and emails), the line manager (an email), or no one (AUP Guard itself). */
export type Audience = 'you' | 'ict' | 'lineManager' | 'noOne';

export type StoredEntry = { where: StoredWhere; what: string; kept: string; seenBy: readonly Audience[] };

export const STORED: Record<StoredKey, StoredEntry> = {
  'aup.policyState': { where: 'local', what: 'recordsStorePolicyState', kept: 'recordsKeptUntilReplaced', seenBy: ['you'] },
  'aup.enforcedRules': { where: 'local', what: 'recordsStoreEnforcedRules', kept: 'recordsKeptUntilReplaced', seenBy: ['noOne'] },
  'aup.sessionRules': { where: 'session', what: 'recordsStoreSessionRules', kept: 'recordsKeptSession', seenBy: ['noOne'] },
  'aup.rulesInForce': { where: 'session', what: 'recordsStoreRulesInForce', kept: 'recordsKeptSession', seenBy: ['noOne'] },
  'aup.continueGrants': { where: 'session', what: 'recordsStoreContinueGrants', kept: 'recordsKeptSession', seenBy: ['noOne'] },
  'aup.localConfig': { where: 'local', what: 'recordsStoreLocalConfig', kept: 'recordsKeptUntilReplaced', seenBy: ['you'] },
  'aup.localConfig.v1': { where: 'local', what: 'recordsStoreLegacyConfig', kept: 'recordsKeptMoved', seenBy: ['noOne'] },
  'aup.breakState': { where: 'local', what: 'recordsStoreBreakState', kept: 'recordsKeptToday', seenBy: ['you'] },
  'aup.events': { where: 'local', what: 'recordsStoreEvents', kept: 'recordsKeptEvents', seenBy: ['you'] },
  'aup.lastInternalError': { where: 'local', what: 'recordsStoreInternalError', kept: 'recordsKeptUntilReplaced', seenBy: ['you'] },
  'aup.bannerScript': { where: 'session', what: 'recordsStoreBannerScript', kept: 'recordsKeptSession', seenBy: ['noOne'] },
  'aup.bannerDismissed': { where: 'session', what: 'recordsStoreBannerDismissed', kept: 'recordsKeptSession', seenBy: ['noOne'] },
  'aup.reportOutbox': { where: 'local', what: 'recordsStoreReportOutbox', kept: 'recordsKeptOutbox', seenBy: ['you'] },
  'aup.reportPrefs': { where: 'local', what: 'recordsStoreReportPrefs', kept: 'recordsKeptUntilReplaced', seenBy: ['you'] },
  'aup.acceptance': { where: 'local', what: 'recordsStoreAcceptance', kept: 'recordsKeptAcceptances', seenBy: ['you'] },
  'aup.acceptanceOutbox': { where: 'local', what: 'recordsStoreAcceptanceOutbox', kept: 'recordsKeptOutbox', seenBy: ['you'] },
  'aup.device': { where: 'local', what: 'recordsStoreDevice', kept: 'recordsKeptUntilReplaced', seenBy: ['ict'] },
  'aup.checkinOutbox': { where: 'local', what: 'recordsStoreCheckinOutbox', kept: 'recordsKeptOutbox', seenBy: ['you', 'ict'] },
  'aup.checkinState': { where: 'local', what: 'recordsStoreCheckinState', kept: 'recordsKeptUntilReplaced', seenBy: ['noOne'] },
  'aup.stoppedDownloads': { where: 'session', what: 'recordsStoreStoppedDownloads', kept: 'recordsKeptSession', seenBy: ['you'] },
  'aup.unreadable.<key>': { where: 'local', what: 'recordsStoreUnreadable', kept: 'recordsKeptUnreadable', seenBy: ['noOne'] },
  'chunk:<sha256>': { where: 'indexeddb', what: 'recordsStoreChunk', kept: 'recordsKeptChunks', seenBy: ['noOne'] },
  'chunk-matcher:<sha256>': { where: 'indexeddb', what: 'recordsStoreChunkMatcher', kept: 'recordsKeptChunks', seenBy: ['noOne'] },
};

export type WireEntry<W extends WireId> = {
  /** What the request is and when it is made. */
  what: string;
  kept: string;
  seenBy: readonly Audience[];
  /** Each field: what it holds and why; `seenBy` only where it differs from the request's. */
  fields: Record<WireFieldPath<W>, { what: string; seenBy?: readonly Audience[] }>;
};

const DEVICE = {
  'device.extensionVersion': { what: 'recordsFieldExtensionVersion' },
  'device.browser': { what: 'recordsFieldBrowser' },
  'device.group': { what: 'recordsFieldGroup' },
  'device.policySerial': { what: 'recordsFieldPolicySerial' },
} as const;

/** The person (My reports), ICT, and the line manager's email when the person gives their address (for a sensitive category it leaves out the address). */
const MANAGER = ['you', 'ict', 'lineManager'] as const;

export const SENT: { [W in WireId]: WireEntry<W> } = {
  report: {
    what: 'recordsWireReport', kept: 'recordsKeptServer', seenBy: ['you', 'ict'],
    fields: {
      id: { what: 'recordsFieldId' },
      kind: { what: 'recordsFieldReportKind', seenBy: MANAGER },
      url: { what: 'recordsFieldReportUrl', seenBy: MANAGER },
      host: { what: 'recordsFieldReportHost' },
      category: { what: 'recordsFieldReportCategory', seenBy: MANAGER },
      accessedAt: { what: 'recordsFieldAccessedAt', seenBy: MANAGER },
      reportedAt: { what: 'recordsFieldReportedAt', seenBy: MANAGER },
      note: { what: 'recordsFieldNote', seenBy: MANAGER },
      lineManagerEmail: { what: 'recordsFieldLineManagerEmail', seenBy: MANAGER },
      userIdentity: { what: 'recordsFieldUserIdentity' },
      ...DEVICE,
    },
  },
  acceptance: {
    what: 'recordsWireAcceptance', kept: 'recordsKeptServer', seenBy: ['you', 'ict'],
    fields: {
      id: { what: 'recordsFieldId' },
      aupVersion: { what: 'recordsFieldAupVersion' },
      aupTitle: { what: 'recordsFieldAupTitle' },
      policySerial: { what: 'recordsFieldPolicySerial' },
      acceptedAt: { what: 'recordsFieldAcceptedAt' },
      userIdentity: { what: 'recordsFieldUserIdentity' },
      ...DEVICE,
    },
  },
  checkin: {
    what: 'recordsWireCheckin', kept: 'recordsKeptCheckins', seenBy: ['ict'],
    fields: {
      id: { what: 'recordsFieldId' },
      deviceId: { what: 'recordsFieldDeviceId' },
      at: { what: 'recordsFieldCheckinAt' },
      'extension.version': { what: 'recordsFieldExtensionVersion' },
      'extension.browser': { what: 'recordsFieldBrowser' },
      'extension.browserVersion': { what: 'recordsFieldBrowserVersion' },
      group: { what: 'recordsFieldGroup' },
      'policy.serial': { what: 'recordsFieldPolicySerial' },
      'policy.source': { what: 'recordsFieldPolicySource' },
      'policy.issuedAt': { what: 'recordsFieldPolicyDates' },
      'policy.expiresAt': { what: 'recordsFieldPolicyDates' },
      'policy.fetchedAt': { what: 'recordsFieldPolicyFetchedAt' },
      'policy.lastError': { what: 'recordsFieldPolicyLastError' },
      installedByPolicy: { what: 'recordsFieldInstalledByPolicy' },
      'findings.id': { what: 'recordsFieldFinding' },
      'findings.severity': { what: 'recordsFieldFinding' },
      'findings.detail': { what: 'recordsFieldFindingDetail' },
      userIdentity: { what: 'recordsFieldUserIdentity' },
      deviceName: { what: 'recordsFieldDeviceName' },
    },
  },
  policyFetch: {
    what: 'recordsWirePolicyFetch', kept: 'recordsKeptNotByAupGuard', seenBy: ['ict'],
    fields: { 'if-none-match': { what: 'recordsFieldIfNoneMatch' } },
  },
  delivery: {
    what: 'recordsWireDelivery', kept: 'recordsKeptNotByAupGuard', seenBy: ['ict'],
    fields: {
      'content-type': { what: 'recordsFieldContentType' },
      authorization: { what: 'recordsFieldAuthorization' },
    },
  },
};

export const AUDIENCE_WORDS: Record<Audience, string> = {
  you: 'recordsSeenByYou',
  ict: 'recordsSeenByIct',
  lineManager: 'recordsSeenByLineManager',
  noOne: 'recordsSeenByNoOne',
};

export const WHERE_WORDS: Record<StoredWhere, string> = {
  local: 'recordsWhereLocal',
  session: 'recordsWhereSession',
  indexeddb: 'recordsWhereIndexedDb',
};

/** The words for one of the message keys above (looked up here, where the key tables are). */
export const say = (key: string, substitution?: string): string => t(key, substitution);
