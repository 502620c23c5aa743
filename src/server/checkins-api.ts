import type { IncomingMessage, ServerResponse } from 'node:http';
import { CheckinRequest, type CheckinReply } from '../protocol/checkin-wire.ts';
import type { CheckinStore } from './checkin-store.ts';
import { readDevicePost, type DevicePostDeps } from './device-post.ts';
import { sendJson } from './http-io.ts';

/**
 * The largest valid check-in — 50 findings with 300-character details, every character
 * JSON-escaped (\uXXXX: six bytes each) — is just under 100 KB; 128 KB leaves room and refuses
 * the rest. A real one is a few hundred bytes.
 */
export const MAX_CHECKIN_BYTES = 128 * 1024;

export type CheckinsApiDeps = DevicePostDeps & { store: CheckinStore; now: () => Date };

/**
 * POST /api/checkins: the device checks (`readDevicePost`: the same token and rate-limit budget
 * as reports) → store once → 201 `{ received: true }` (200 for a check-in id already stored).
 * No receipt: nobody quotes a check-in, and the device only needs to know it can drop it.
 */
export async function handleCheckin(req: IncomingMessage, res: ServerResponse, deps: CheckinsApiDeps): Promise<void> {
  const checkin = await readDevicePost(req, res, deps, { noun: 'check-in', schema: CheckinRequest, maxBytes: MAX_CHECKIN_BYTES });
  if (!checkin) return;
  const { created } = await deps.store.saveCheckin(checkin, deps.now());
  const reply: CheckinReply = { received: true };
  sendJson(res, created ? 201 : 200, reply);
}
