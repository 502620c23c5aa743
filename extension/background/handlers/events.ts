import type { EventsReply } from '../../../src/protocol/events.ts';
import { currentContext } from '../context.ts';
import { readEvents } from '../events.ts';
import { route } from '../router.ts';

/** What is recorded about the person using the device, with category titles from the policy in force. */
async function events(): Promise<EventsReply> {
  const [list, ctx] = await Promise.all([readEvents(), currentContext()]);
  const titles = new Map(ctx.active.policy.categories.map((c) => [c.id, c.title]));
  const fileTypes = new Map(ctx.active.policy.downloads.fileTypes.map((f) => [f.id, f.title]));
  return {
    type: 'events',
    events: list.map((e) => {
      if (e.kind === 'warn-continue') return { ...e, categoryTitle: titles.get(e.category) ?? null };
      if (e.kind === 'download-anyway') return { ...e, fileTypeTitle: fileTypes.get(e.fileType) ?? null };
      return e;
    }),
  };
}

export const eventsRoutes = [route('events/get', 'extension-page', () => events())];
