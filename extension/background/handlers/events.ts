import type { EventsReply } from '../../../src/protocol/events.ts';
import { currentContext } from '../context.ts';
import { readEvents } from '../events.ts';
import { eventRetentionDays } from '../../../src/policy/compiled-schema.ts';
import { route } from '../router.ts';
import { policyWords } from '../policy-words.ts';

/** What is recorded about the person using the device, with category titles from the policy in force. */
async function events(): Promise<EventsReply> {
  const [list, ctx] = await Promise.all([readEvents(), currentContext()]);
  const words = policyWords(ctx.active.policy);
  const titles = new Map(ctx.active.policy.categories.map((c) => [c.id, words.say(c.title)]));
  const fileTypes = new Map(ctx.active.policy.downloads.fileTypes.map((f) => [f.id, f.title]));
  return {
    type: 'events',
    retentionDays: eventRetentionDays(ctx.active.policy),
    events: list.map((e) => {
      if (e.kind === 'warn-continue') return { ...e, categoryTitle: titles.get(e.category) ?? null };
      if (e.kind === 'download-anyway') return { ...e, fileTypeTitle: fileTypes.get(e.fileType) ?? null };
      return e;
    }),
  };
}

export const eventsRoutes = [route('events/get', 'extension-page', () => events())];
