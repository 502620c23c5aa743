import { StatusReply, type PageToWorker } from '../../src/protocol/messages.ts';
import { sendToWorker } from '../platform/runtime.ts';

async function ask(message: PageToWorker): Promise<unknown> {
  return sendToWorker(message);
}

/** The worker's status, validated; throws when the worker's reply is not a status. */
export async function fetchStatus(): Promise<StatusReply> {
  return StatusReply.parse(await ask({ type: 'status/get' }));
}
