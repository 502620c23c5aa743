import '../../ui/forms.css';
import './download.css';
import { useEffect, useState } from 'preact/hooks';
import { mount } from '../../ui/mount.tsx';
import { Page } from '../../ui/Page.tsx';
import { t } from '../../platform/i18n.ts';
import { closeOwnTab } from '../../platform/tabs.ts';
import { askIctForDownload, fetchStoppedDownload, proceedWithDownload } from '../../ui/worker-client.ts';
import { formatDateTime } from '../../ui/status-view.tsx';
import { policyLang } from '../../ui/policy-lang.ts';
import { HelpContacts } from '../../ui/PolicyFacts.tsx';
import { downloadTokenOf } from '../../../src/protocol/page-location.ts';
import type { DownloadAskIctReply, DownloadGetReply } from '../../../src/protocol/downloads.ts';

/*
 * A download the worker stopped (extension/background/downloads.ts): what, from where, why (the
 * file's class and its AUP clause), and what the person can do: go back, ask ICT for it (a
 * software request through the report outbox), or, for a warn, download it anyway (recorded).
 * The file name, host and address come from a server anyone can run: shown as text only.
 */
type Found = Extract<DownloadGetReply, { found: true }>;
type State = { kind: 'loading' } | { kind: 'missing' } | { kind: 'failed' } | { kind: 'ready'; reply: Found };

/**
 * Back to what the person was doing. The worker opens this page in a new tab beside the page the
 * download came from (which stays open, as a download never replaces it): closing this tab puts
 * them back there. Opened from a page of ours instead (history behind it): back to that page.
 */
function goBack(): void {
  if (history.length > 1) history.back();
  else void closeOwnTab().then((closed) => closed || window.close());
}

function AskIct({ token, asked }: { token: string; asked: string | null }) {
  const [note, setNote] = useState('');
  const [result, setResult] = useState<DownloadAskIctReply | null>(null);
  const [sending, setSending] = useState(false);
  const done = result?.ok ? result : null;
  if (asked !== null && !result) {
    return <p class="notice" role="status" data-testid="download-asked">{asked === 'queued' ? t('downloadAskQueued') : t('downloadAskSent', asked)}</p>;
  }
  if (done) {
    return <p class="notice" role="status" data-testid="download-asked">{done.receipt ? t('downloadAskSent', done.receipt) : t('downloadAskQueued')}</p>;
  }
  async function onAsk() {
    setSending(true);
    const reply = await askIctForDownload(token, note).catch((e: Error): DownloadAskIctReply => ({ type: 'download/ask-ict', ok: false, error: e.message }));
    setSending(false);
    setResult(reply);
  }
  return (
    <section aria-labelledby="ask-ict">
      <h2 id="ask-ict">{t('downloadAskHeading')}</h2>
      <p>{t('downloadAskIntro')}</p>
      <label for="download-note">{t('downloadAskNoteLabel')}</label>
      <p class="hint" id="download-note-hint">{t('downloadAskNoteHint')}</p>
      <textarea id="download-note" rows={3} maxLength={900} value={note} aria-describedby="download-note-hint" onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} data-testid="download-note" />
      {result && !result.ok && <p class="notice notice--danger" role="alert">{t('downloadAskFailed', result.error)}</p>}
      <div class="actions">
        <button type="button" disabled={sending} onClick={() => void onAsk()} data-testid="download-ask-ict">{t('downloadAskButton')}</button>
      </div>
    </section>
  );
}

function Anyway({ token, proceeded }: { token: string; proceeded: boolean }) {
  const [state, setState] = useState<{ done: boolean; error: string | null }>({ done: proceeded, error: null });
  if (state.done) return <p class="notice" role="status" data-testid="download-proceeded">{t('downloadAnywayDone')}</p>;
  async function onAnyway() {
    const reply = await proceedWithDownload(token).catch((e: Error) => ({ ok: false as const, error: e.message }));
    setState(reply.ok ? { done: true, error: null } : { done: false, error: reply.error });
  }
  return (
    <section aria-labelledby="anyway">
      <h2 id="anyway">{t('downloadAnywayHeading')}</h2>
      <p>{t('downloadAnywayIntro')}</p>
      {state.error && <p class="notice notice--danger" role="alert">{t('downloadAnywayFailed', state.error)}</p>}
      <div class="actions">
        <button type="button" class="secondary" onClick={() => void onAnyway()} data-testid="download-anyway">{t('downloadAnywayButton')}</button>
      </div>
    </section>
  );
}

function Download() {
  const token = downloadTokenOf(location.search);
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    if (!token) return setState({ kind: 'missing' });
    fetchStoppedDownload(token).then(
      (reply) => setState(reply.found ? { kind: 'ready', reply } : { kind: 'missing' }),
      () => setState({ kind: 'failed' }),
    );
  }, [token]);

  if (state.kind !== 'ready') {
    return (
      <Page>
        <h1>{t('downloadStoppedHeading')}</h1>
        {state.kind === 'loading' && <p>{t('loading')}</p>}
        {state.kind === 'missing' && <p class="notice" data-testid="download-missing">{t('downloadNotKnown')}</p>}
        {state.kind === 'failed' && <p class="notice notice--danger" role="alert">{t('downloadUnavailable')}</p>}
      </Page>
    );
  }
  const { download: d, englishOnly } = state.reply;
  const blocked = d.action === 'block';
  return (
    <Page>
      <h1>{blocked ? t('downloadBlockedHeading') : t('downloadWarnHeading')}</h1>
      <div class="warning-text" data-testid="download-warning">
        <span class="warning-text__icon" aria-hidden="true">!</span>
        <strong class="warning-text__text">
          <span class="visually-hidden">{t('downloadWarningWord')}</span>
          {blocked ? t('downloadBlockedIntro') : t('downloadWarnIntro')}
        </strong>
      </div>
      <dl class="facts">
        <dt>{t('downloadFileLabel')}</dt>
        <dd class="url" data-testid="download-name">{d.name || t('downloadNoName')}</dd>
        <dt>{t('downloadFromLabel')}</dt>
        <dd class="url" data-testid="download-host">{d.host}</dd>
        <dt>{t('downloadTypeLabel')}</dt>
        <dd data-testid="download-type" lang={d.fileType ? policyLang(d.fileType.title, englishOnly) : undefined}>{d.fileType?.title ?? t('unknownCategory')}</dd>
        <dt>{t('downloadWhenLabel')}</dt>
        <dd>{formatDateTime(d.stoppedAt)}</dd>
      </dl>
      {d.fileType && (
        <section aria-labelledby="clause">
          <h2 id="clause">{t('downloadClauseHeading')}</h2>
          <p data-testid="download-clause" lang={policyLang(d.fileType.clause, englishOnly)}>{d.fileType.clause}</p>
        </section>
      )}
      <div class="actions">
        <button type="button" autoFocus onClick={goBack} data-testid="download-back">{t('downloadGoBack')}</button>
      </div>
      {!blocked && token && <Anyway token={token} proceeded={d.proceeded} />}
      {token && <AskIct token={token} asked={d.askedIct} />}
      <HelpContacts context={state.reply} />
    </Page>
  );
}

mount(Download, 'downloadTitle');
