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
  return {
    type: 'events',
    retentionDays: eventRetentionDays(ctx.active.policy),
    events: list.map((e) => (e.kind === 'warn-continue' ? { ...e, categoryTitle: titles.get(e.category) ?? null } : e)),
  };
}

export const eventsRoutes = [route('events/get', 'extension-page', () => events())];
