import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { fetchEvents } from '../../ui/worker-client.ts';
import { t } from '../../platform/i18n.ts';
import { WIRE_IDS, type WireId } from '../../../src/protocol/wire-fields.ts';
import { DEFAULT_EVENT_RETENTION_DAYS } from '../../../src/policy/compiled-schema.ts';
import { AUDIENCE_WORDS, SENT, STORED, WHERE_WORDS, say, type Audience } from './records-inventory.ts';

/*
 * "What AUP Guard records": every key it stores under and every field it sends, rendered from
 * the inventory (records-inventory.ts), which the type checker and a unit test hold equal to
 * the definitions the code stores and sends with. Names are shown as text, never as HTML.
 */

function who(seenBy: readonly Audience[]): string {
  return seenBy.map((a) => say(AUDIENCE_WORDS[a])).join(', ');
}

/** How long a record is kept; the events' period comes from the policy in force. */
function kept(key: string, retentionDays: number | null): string {
  return say(key, String(retentionDays ?? DEFAULT_EVENT_RETENTION_DAYS));
}

function Table({ caption, first, children, testid }: { caption: string; first: string; children: ComponentChildren; testid: string }) {
  return (
    <table class="fields inventory" data-testid={testid}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{first}</th>
          <th scope="col">{t('recordsColumnWhat')}</th>
          <th scope="col">{t('recordsColumnWho')}</th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

function WireTable({ id }: { id: WireId }) {
  const wire = SENT[id] as unknown as { what: string; kept: string; seenBy: readonly Audience[]; fields: Record<string, { what: string; seenBy?: readonly Audience[] }> };
  const fields = Object.entries(wire.fields);
  return (
    <div data-testid={`inventory-wire-${id}`}>
      <h4>{say(wire.what)}</h4>
      <p>{t('recordsKeptLabel')} {say(wire.kept)}</p>
      <Table caption={t('recordsFieldsCaption', String(fields.length))} first={t('recordsColumnField')} testid={`inventory-fields-${id}`}>
        {fields.map(([path, field]) => (
          <tr key={path}>
            <th scope="row" class="mono">{path}</th>
            <td>{say(field.what)}</td>
            <td>{who(field.seenBy ?? wire.seenBy)}</td>
          </tr>
        ))}
      </Table>
    </div>
  );
}

export function InventorySection() {
  const stored = Object.entries(STORED);
  // The events' retention period is the policy's; until the worker answers, the default is shown.
  const [retentionDays, setRetentionDays] = useState<number | null>(null);
  useEffect(() => {
    fetchEvents().then((reply) => setRetentionDays(reply.retentionDays ?? null), () => undefined);
  }, []);
  return (
    <section aria-labelledby="inventory-heading" data-testid="inventory-section">
      <h2 id="inventory-heading">{t('recordsHeading')}</h2>
      <p>{t('recordsIntro')}</p>
      <p data-testid="inventory-never"><strong>{t('recordsNever')}</strong></p>
      <h3>{t('recordsStoredHeading')}</h3>
      <Table caption={t('recordsStoredCaption', String(stored.length))} first={t('recordsColumnRecord')} testid="inventory-stored">
        {stored.map(([key, entry]) => (
          <tr key={key}>
            <th scope="row"><span class="mono">{key}</span><br />{say(WHERE_WORDS[entry.where])}</th>
            <td>{say(entry.what)} {t('recordsKeptLabel')} {kept(entry.kept, retentionDays)}</td>
            <td>{who(entry.seenBy)}</td>
          </tr>
        ))}
      </Table>
      <h3>{t('recordsSentHeading')}</h3>
      <p>{t('recordsSentIntro')}</p>
      {WIRE_IDS.map((id) => <WireTable key={id} id={id} />)}
    </section>
  );
}
