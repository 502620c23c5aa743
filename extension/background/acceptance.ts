import { AcceptanceRequest, acceptanceEndpoint } from '../../src/protocol/acceptance-wire.ts';
import type { AcceptanceView } from '../../src/protocol/acceptance.ts';
import type { OutboxEntry } from '../../src/reports/outbox.ts';
import { welcomeAddress } from '../../src/protocol/page-location.ts';
import { extensionUrl, extensionVersion, openExtensionPage } from '../platform/runtime.ts';
import { acceptanceOutbox } from './acceptance-outbox.ts';
import { currentContext, type EnforcementContext } from './context.ts';
import { browserName, deliveryFor, type Delivery } from './delivery-outbox.ts';
import { acceptanceRecord, MAX_ACCEPTANCES, type Acceptance, type QueuedAcceptance } from './records.ts';
import { serialQueue } from './serial.ts';
import { problem, type WorkerProblem } from '../../src/protocol/worker-problems.ts';

/*
 * AUP acceptance on this device (issue 12): the record `aup.acceptance` says which versions were
 * accepted (the gate of src/decide/acceptance.ts reads it through the context), the acceptance
 * outbox carries each one to ICT, and the welcome page is opened by itself once per AUP version
 * that needs accepting.
 */

/** Acceptances go beside the reports: `…/api/reports` → `…/api/acceptances`, same token. */
export function acceptanceDeliveryFor(ctx: EnforcementContext): Delivery {
  const reports = deliveryFor(ctx);
  return { endpoint: acceptanceEndpoint(reports.endpoint), token: reports.token };
}

export function viewOf(acceptance: Acceptance, entries: readonly OutboxEntry<QueuedAcceptance>[]): AcceptanceView {
  const entry = entries.find((e) => e.id === acceptance.id);
  return {
    id: acceptance.id, aupVersion: acceptance.aupVersion, acceptedAt: acceptance.acceptedAt,
    delivery: entry?.state ?? 'unknown', receipt: entry?.receipt ?? null, lastError: entry?.lastError ?? null, lastProblem: entry?.lastProblem ?? null,
  };
}

const oneAtATime = serialQueue();

export type AcceptOutcome =
  | { ok: true; acceptance: Acceptance; isNew: boolean }
  | { ok: false; error: 'version-changed' | 'outbox-full' | 'invalid'; message: string; problem: WorkerProblem };

/**
 * Record that the person accepted `aupVersion` (the one their page showed): queued for ICT first
 * (so no acceptance exists that ICT will never hear of), then stored, which lifts the gate once
 * the caller enforces again. Accepting a version already accepted answers with that acceptance.
 */
export function recordAcceptance(aupVersion: string, now = new Date()): Promise<AcceptOutcome> {
  return oneAtATime(async () => {
    const ctx = await currentContext(now.getTime());
    const { aup } = ctx.active.policy;
    if (aupVersion !== aup.version) return { ok: false, error: 'version-changed', message: `the policy in force is now version ${aup.version}`, problem: problem('acceptance-version-changed', aup.version) };
    const stored = await acceptanceRecord.read();
    const earlier = stored.acceptances.find((a) => a.aupVersion === aup.version);
    if (earlier) return { ok: true, acceptance: earlier, isNew: false };
    const serial = ctx.active.manifest?.serial ?? null;
    const acceptance: Acceptance = { id: crypto.randomUUID(), aupVersion: aup.version, policySerial: serial, acceptedAt: now.toISOString() };
    const identity = ctx.config.config.userIdentity;
    const wire = AcceptanceRequest.safeParse({
      ...acceptance,
      aupTitle: aup.title.slice(0, 200),
      ...(identity ? { userIdentity: identity } : {}),
      device: { extensionVersion: extensionVersion(), browser: browserName(), group: ctx.group.group.id, policySerial: serial },
    });
    if (!wire.success) {
      const fields = [...new Set(wire.error.issues.map((i) => i.path.join('.') || 'acceptance'))].join(', ');
      return { ok: false, error: 'invalid', message: wire.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), problem: problem('acceptance-invalid', fields) };
    }
    const queued = await acceptanceOutbox.queue(acceptance.id, wire.data);
    if (!queued.ok) return { ok: false, error: 'outbox-full', message: queued.reason, problem: problem('outbox-full') };
    await acceptanceRecord.write({ ...stored, acceptances: [acceptance, ...stored.acceptances].slice(0, MAX_ACCEPTANCES) });
    return { ok: true, acceptance, isNew: true };
  });
}

/**
 * Open the welcome page by itself when the gate is on for an AUP version it was not yet opened
 * for: at install, and when a bundle with a new `aup.version` comes into force. Remembered in the
 * record, so a worker that wakes again does not open it again.
 */
export function promptForAcceptance(ctx: EnforcementContext): Promise<boolean> {
  return oneAtATime(async () => {
    if (!ctx.gate) return false;
    const stored = await acceptanceRecord.read();
    if (stored.promptedFor === ctx.gate.aupVersion) return false;
    await acceptanceRecord.write({ ...stored, promptedFor: ctx.gate.aupVersion });
    await openExtensionPage(welcomeAddress(extensionUrl(''), null));
    return true;
  });
}
