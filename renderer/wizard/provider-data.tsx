/**
 * "Provider data" on the Basics step: says plainly whether the draft is judged by the built-in
 * provider data or by a discovery document fetched from the provider, and lets the user fetch one
 * (with an optional extra CA for corporate or test servers) or go back to the built-in data. The
 * answers carry the new findings, which the wizard applies just as it applies an autosave.
 */
import { useRef, useState, type ReactElement } from 'react';
import type { Detail as RegistrationDetail, Environment, Profile as ProfileSummary } from '../types';
import { ActionStatus, type ActionOutcome } from '../components/action-status';
import { Icon } from '../components/icons';
import { call } from '../hooks/use-operation';
import { formatDate, formatDateTime } from '../format/dates';

type Discovery = NonNullable<RegistrationDetail['registration']['discovery']>;

// Profile dates are plain `YYYY-MM-DD`: the shared formatter reads them as calendar days.

function issuerText(discovery: Discovery): { tone: 'ok' | 'warning'; text: string } {
  const issuer = typeof discovery.metadata.issuer === 'string' ? discovery.metadata.issuer : 'not given';
  switch (discovery.issuerMatch) {
    case 'exact':
      return { tone: 'ok', text: `The issuer (${issuer}) matches the discovery URL exactly.` };
    case 'equivalent':
      return { tone: 'ok', text: `The issuer (${issuer}) matches the discovery URL once written the same way (for example an explicit :443 port).` };
    case 'mismatch':
      return { tone: 'warning', text: `The issuer (${issuer}) does not match the discovery URL: tokens will name an issuer the URL does not predict. Check that this is the right provider.` };
  }
}

function DataInUse({ detail, profile, discovery }: { detail: RegistrationDetail; profile: ProfileSummary | undefined; discovery: Discovery | undefined }): ReactElement {
  if (discovery === undefined) {
    return (
      <div className="provider-data-source" data-testid="provider-data-source" data-source="built-in">
        <p className="provider-data-source-title">
          <Icon name="info" size={18} />
          Built-in data for {profile?.name ?? detail.providerName}
          {profile !== undefined && ` (facts checked ${formatDate(profile.updated)})`}
        </p>
        <p className="muted">The rules and algorithms shown come with the app. Fetch the provider’s discovery document to use what it publishes today.</p>
      </div>
    );
  }
  const issuer = issuerText(discovery);
  return (
    <div className="provider-data-source" data-testid="provider-data-source" data-source="discovery">
      <p className="provider-data-source-title">
        <Icon name="check" size={18} />
        <span>
          From the provider’s discovery document <code className="provider-data-url">{discovery.url}</code>, fetched {formatDateTime(discovery.fetchedAt)}
        </span>
      </p>
      <p className={issuer.tone === 'ok' ? 'provider-data-issuer' : 'provider-data-issuer provider-data-issuer-warning'} data-issuer-match={discovery.issuerMatch}>
        <Icon name={issuer.tone === 'ok' ? 'check' : 'warning'} size={16} />
        {issuer.tone === 'warning' && <strong>Warning: </strong>}
        {issuer.text}
      </p>
      {discovery.warnings.length > 0 && (
        <ul className="findings" aria-label="Warnings about the discovery document">
          {discovery.warnings.map((warning, index) => (
            <li key={index} className="finding finding-warning">
              <Icon name="warning" className="finding-icon" size={18} />
              <p>
                <strong>Warning: </strong>
                {warning}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The Provider data box; `onDetail` receives each new registration detail (with its findings). */
export function ProviderData({ detail, profile, environment, onDetail }: { detail: RegistrationDetail; profile: ProfileSummary | undefined; environment: Environment | undefined; onDetail: (detail: RegistrationDetail) => void }): ReactElement {
  const { registration } = detail;
  const knownUrl = environment?.discoveryUrl;
  const [url, setUrl] = useState(registration.discoveryUrl ?? knownUrl ?? '');
  const [caPem, setCaPem] = useState('');
  const [busy, setBusy] = useState<'fetch' | 'forget' | undefined>(undefined);
  const [outcome, setOutcome] = useState<ActionOutcome>({ kind: 'none' });
  const sourceRef = useRef<HTMLDivElement>(null);
  const discovery = registration.discovery;
  const trimmed = url.trim();

  const fetchDocument = async () => {
    if (trimmed === '' || busy !== undefined) return;
    setBusy('fetch');
    setOutcome({ kind: 'info', text: 'Fetching the discovery document…' });
    // Only send the URL when it is the user's own: the environment's known URL is used by default
    // and need not be stored on the draft.
    const ownUrl = registration.discoveryUrl !== undefined || trimmed !== knownUrl;
    const result = await call('discoverProvider', { id: registration.id, ...(ownUrl ? { url: trimmed } : {}), ...(caPem.trim() === '' ? {} : { caPem }) });
    setBusy(undefined);
    if (result.ok) {
      onDetail(result.value);
      setOutcome({ kind: 'done', text: 'Fetched the discovery document: the findings now follow the provider’s published data.' });
    } else {
      setOutcome({ kind: 'error', error: result.error });
    }
  };

  const switchToBuiltIn = async () => {
    if (busy !== undefined) return;
    setBusy('forget');
    const result = await call('forgetDiscovery', { id: registration.id });
    setBusy(undefined);
    if (result.ok) {
      onDetail(result.value);
      setOutcome({ kind: 'done', text: 'Using the built-in data again: the findings are updated.' });
      // The button that had focus is gone; keep keyboard users in the box.
      sourceRef.current?.focus();
    } else {
      setOutcome({ kind: 'error', error: result.error });
    }
  };

  return (
    <section className="provider-data" aria-labelledby="provider-data-heading" aria-busy={busy !== undefined}>
      <h3 id="provider-data-heading">Provider data</h3>
      <div ref={sourceRef} tabIndex={-1} className="provider-data-focus">
        <DataInUse detail={detail} profile={profile} discovery={discovery} />
      </div>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void fetchDocument();
        }}
      >
        <div className="field">
          <label htmlFor="provider-data-url">Discovery URL</label>
          <p className="field-help" id="provider-data-url-help">
            {knownUrl === undefined
              ? 'No discovery URL is built in for this provider: you must enter your provider’s issuer or its .well-known/openid-configuration URL.'
              : 'The provider’s issuer or its .well-known/openid-configuration URL. Prefilled with the address we know for this environment.'}
          </p>
          <input
            id="provider-data-url"
            type="url"
            inputMode="url"
            spellCheck={false}
            autoComplete="off"
            placeholder="https://login.example.org/.well-known/openid-configuration"
            aria-describedby="provider-data-url-help"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
          />
        </div>
        <details className="advanced">
          <summary>Extra trusted CA (optional)</summary>
          <div className="field">
            <label htmlFor="provider-data-ca">CA certificates (PEM)</label>
            <p className="field-help" id="provider-data-ca-help">
              For corporate or test CAs that your system does not trust. Used for this fetch only.
            </p>
            <textarea id="provider-data-ca" rows={4} spellCheck={false} aria-describedby="provider-data-ca-help" value={caPem} onChange={(event) => setCaPem(event.target.value)} />
          </div>
        </details>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={trimmed === '' || busy !== undefined}>
            <Icon name="external" size={18} />
            {busy === 'fetch' ? 'Fetching…' : discovery === undefined ? 'Fetch discovery document' : 'Fetch discovery document again'}
          </button>
          {discovery !== undefined && (
            <button type="button" className="button button-secondary" disabled={busy !== undefined} onClick={() => void switchToBuiltIn()}>
              {busy === 'forget' ? 'Switching…' : 'Use built-in data'}
            </button>
          )}
        </div>
      </form>
      <ActionStatus outcome={outcome} testId="provider-data-status" />
    </section>
  );
}
