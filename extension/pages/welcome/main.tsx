import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { mount } from '../../ui/mount.tsx';
import { Page } from '../../ui/Page.tsx';
import { NotInAFrame } from '../../ui/NotInAFrame.tsx';
import { acceptAup, fetchAcceptanceStatus } from '../../ui/worker-client.ts';
import { formatDateTime } from '../../ui/status-view.tsx';
import { t } from '../../platform/i18n.ts';
import { parsePageLocation } from '../../../src/protocol/page-location.ts';
import type { AcceptanceStatusReply, AcceptanceView } from '../../../src/protocol/acceptance.ts';
import { PolicyOverview } from './PolicyOverview.tsx';
import { problemText } from '../../ui/problem-text.ts';

type State =
  | { kind: 'loading' }
  | { kind: 'failed' }
  | { kind: 'ready'; status: AcceptanceStatusReply; justAccepted: AcceptanceView | null; error: string | null };

/**
 * The welcome page: the AUP in brief and "I have read and agree" (issue 12, Acceptance). The
 * acceptance gate sends every web page here until the person accepts, with the page they wanted
 * in the fragment; that address is only shown as text and only ever followed if it is http(s).
 */
function Welcome() {
  // Where the person was going, if the gate sent them here (parsePageLocation keeps only http(s)).
  const where = parsePageLocation('', location.hash);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const outcome = useRef<HTMLDivElement>(null);

  // In the same commit as the content, not after paint: a screen reader hears the new heading as
  // it appears, and nothing (a person's Tab, a test) sees the page with focus still on the body.
  useLayoutEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    fetchAcceptanceStatus().then((status) => setState({ kind: 'ready', status, justAccepted: null, error: null }), () => setState({ kind: 'failed' }));
  }, []);

  async function onAgree(status: AcceptanceStatusReply) {
    setBusy(true);
    const reply = await acceptAup(status.aup.version).catch((e: Error) => ({ ok: false as const, error: 'invalid' as const, message: e.message, problem: undefined }));
    if (reply.ok && where.url) {
      // The gate is lifted before the answer comes: on to the page the person wanted.
      location.replace(where.url);
      return;
    }
    setBusy(false);
    if (reply.ok) setState({ kind: 'ready', status: { ...status, accepted: reply.acceptance }, justAccepted: reply.acceptance, error: null });
    else if (reply.error === 'version-changed') {
      // A new version arrived while the page was open: show it, and ask again.
      const fresh = await fetchAcceptanceStatus().catch(() => status);
      setState({ kind: 'ready', status: fresh, justAccepted: null, error: t('welcomeVersionChanged') });
    } else setState({ kind: 'ready', status, justAccepted: null, error: t('welcomeAcceptFailed', problemText(reply.problem, reply.message)) });
    setTimeout(() => outcome.current?.focus(), 0);
  }

  return (
    <Page>
      <h1 tabIndex={-1} ref={heading}>{t('welcomeHeading')}</h1>
      {state.kind === 'loading' && <p>{t('loading')}</p>}
      {state.kind === 'failed' && <p class="notice notice--danger" role="alert">{t('welcomeUnavailable')}</p>}
      {state.kind === 'ready' && (
        <Body state={state} target={where.url} displayUrl={where.displayUrl} busy={busy} outcome={outcome} onAgree={() => void onAgree(state.status)} />
      )}
    </Page>
  );
}

type BodyProps = {
  state: Extract<State, { kind: 'ready' }>;
  target: string | null;
  displayUrl: string;
  busy: boolean;
  outcome: preact.RefObject<HTMLDivElement>;
  onAgree: () => void;
};

function Body({ state, target, displayUrl, busy, outcome, onAgree }: BodyProps) {
  const { status, justAccepted, error } = state;
  const { aup, accepted } = status;
  const needed = status.required && !accepted;
  return (
    <>
      <div tabIndex={-1} ref={outcome} data-testid="welcome-state" data-state={needed ? 'needed' : accepted ? 'accepted' : 'not-required'}>
        {error && <p class="notice notice--danger" role="alert">{error}</p>}
        {needed && <p>{t('welcomeIntroRequired', [status.council, aup.title, aup.version])}</p>}
        {accepted && (
          <p class="notice" role={justAccepted ? 'status' : undefined} data-testid="welcome-accepted">
            {t(justAccepted ? 'welcomeThankYou' : 'welcomeAlreadyAccepted', [aup.title, aup.version, formatDateTime(accepted.acceptedAt)])}
          </p>
        )}
        {!status.required && !accepted && <p class="notice">{t('welcomeNotRequired', status.group.title)}</p>}
        {target && !needed && (
          <p>
            {/* The address as text and an attribute, never markup; http(s) only (parsePageLocation). */}
            <a href={target} data-testid="welcome-continue">{t('welcomeContinueTo', displayUrl)}</a>
          </p>
        )}
        {target && needed && (
          <p>{t('welcomeGoingTo')} <span class="url" data-testid="welcome-target">{displayUrl}</span></p>
        )}
      </div>
      <PolicyOverview status={status} />
      {needed && <p>{t('welcomeAgreeNote')}</p>}
      {needed && (
        <div class="actions">
          <button type="button" onClick={onAgree} disabled={busy} data-testid="welcome-agree">{t('welcomeAgree')}</button>
        </div>
      )}
    </>
  );
}

mount(() => <NotInAFrame><Welcome /></NotInAFrame>, 'welcomeHeading');
