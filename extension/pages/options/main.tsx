import '../../ui/forms.css';
import './options.css';
import { useEffect, useState } from 'preact/hooks';
import { mount } from '../../ui/mount.tsx';
import { Page } from '../../ui/Page.tsx';
import { t } from '../../platform/i18n.ts';
import { fetchStatus } from '../../ui/worker-client.ts';
import { useStoredChanges } from '../../ui/use-stored-changes.ts';
import type { StatusReply } from '../../../src/protocol/status.ts';
import { StatusSection, type StatusState } from './StatusSection.tsx';
import { SettingsSection } from './SettingsSection.tsx';
import { RecordSection } from './RecordSection.tsx';
import { ReportsSection } from './ReportsSection.tsx';
import { AcceptanceSection } from './AcceptanceSection.tsx';
import { InventorySection } from './InventorySection.tsx';
import { PostureFindings } from '../../ui/PostureFindings.tsx';

/** Status, settings (read-only when ICT manages them), what is recorded about the user, their AUP acceptances, their reports, and everything AUP Guard keeps and sends. */
function Options() {
  const [status, setStatus] = useState<StatusState>({ kind: 'loading' });
  const [eventsKey, setEventsKey] = useState(0);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    fetchStatus().then(
      (s) => setStatus({ kind: 'ready', status: s }),
      // A page already showing a status keeps it when a later refresh fails.
      () => setStatus((current) => (current.kind === 'ready' ? current : { kind: 'failed' })),
    );
  }, [generation]);
  useStoredChanges(() => {
    setGeneration((g) => g + 1);
    setEventsKey((k) => k + 1);
  });
  function onStatus(s: StatusReply) {
    setStatus({ kind: 'ready', status: s });
    setEventsKey((k) => k + 1);
  }
  return (
    <Page>
      <h1>{t('optionsHeading')}</h1>
      <p>{t('optionsIntro')}</p>
      <StatusSection state={status} onStatus={onStatus} />
      <PostureFindings showDetails />
      <SettingsSection onSaved={onStatus} />
      <RecordSection reloadKey={eventsKey} />
      <AcceptanceSection />
      <ReportsSection />
      <InventorySection />
    </Page>
  );
}

mount(Options, 'optionsHeading');
