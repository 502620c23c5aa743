import type { IncomingMessage, ServerResponse } from 'node:http';
import { AcceptanceRequest, type AcceptanceReply } from '../protocol/acceptance-wire.ts';
import type { AcceptanceStore } from './acceptance-store.ts';
import { readDevicePost, type DevicePostDeps } from './device-post.ts';
import { sendJson } from './http-io.ts';

/**
 * The largest valid acceptance is under 5 KB even with every character JSON-escaped (\uXXXX:
 * six bytes for each of some 700 characters of text); 8 KB leaves room and refuses the rest.
 */
export const MAX_ACCEPTANCE_BYTES = 8 * 1024;

export type AcceptancesApiDeps = DevicePostDeps & { store: AcceptanceStore; now: () => Date };

/**
 * POST /api/acceptances: the device checks (`readDevicePost`) → store once → 201 (or 200 with
 * the same receipt for a replay). Nobody is emailed: ICT reads acceptances in the inbox.
 */
export async function handleAcceptance(req: IncomingMessage, res: ServerResponse, deps: AcceptancesApiDeps): Promise<void> {
  const acceptance = await readDevicePost(req, res, deps, { noun: 'acceptance', schema: AcceptanceRequest, maxBytes: MAX_ACCEPTANCE_BYTES });
  if (!acceptance) return;
  const { receipt, created } = await deps.store.saveAcceptance(acceptance, deps.now());
  const reply: AcceptanceReply = { receipt };
  sendJson(res, created ? 201 : 200, reply);
}
