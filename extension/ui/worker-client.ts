import {
  ContinueReply, PageContextReply, StatusReply, type PageToWorker,
} from '../../src/protocol/messages.ts';
import { sendToWorker } from '../platform/runtime.ts';

/* Typed, validated requests from pages to the worker: a reply that is not what we expect throws. */

async function ask(message: PageToWorker): Promise<unknown> {
  return sendToWorker(message);
}

export async function fetchStatus(): Promise<StatusReply> {
  return StatusReply.parse(await ask({ type: 'status/get' }));
}

export async function fetchPageContext(category: string): Promise<PageContextReply> {
  return PageContextReply.parse(await ask({ type: 'page/context', category }));
}

export async function requestContinue(url: string, category: string): Promise<ContinueReply> {
  return ContinueReply.parse(await ask({ type: 'warn/continue', url, category }));
}
