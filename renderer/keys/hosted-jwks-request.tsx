/**
 * The NHS-hosted JWKS route of the API platform: asks for the Developer Hub Application ID and
 * writes NHS's make_jwk.py inputs for the active key (public-key.pem, request.json, jwk.json,
 * README.txt) to a folder the user picks. Refusals (not a UUID v4, a non-RSA key, a kid NHS would
 * not take) come back as errors before any dialog opens.
 */
import { useId, useState, type ReactElement } from 'react';
import type { ErrorPayload } from '../../contract/errors';
import { ActionStatus, type ActionOutcome } from '../components/action-status';
import { copyPublicText } from '../components/copy-text';
import { ErrorNotice } from '../components/error-notice';
import { ExternalLink } from '../components/external-link';
import { WarningList } from '../components/findings';
import { Icon } from '../components/icons';
import { call, type ValueFor } from '../hooks/use-operation';

const MAKE_JWK = 'https://github.com/NHSDigital/identity-service-jwks/blob/d6609ad97d853e905f4fd4f7999d40b11488840a/scripts/make_jwk.py';

/** The section in the Keys step of an API platform registration. */
export function HostedJwksRequest({ id, hasActiveKey }: { id: string; hasActiveKey: boolean }): ReactElement {
  const base = useId();
  const [appId, setAppId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorPayload | undefined>(undefined);
  const [result, setResult] = useState<ValueFor<'requestHostedJwks'> | undefined>(undefined);
  const [outcome, setOutcome] = useState<ActionOutcome>({ kind: 'none' });

  const save = async () => {
    setBusy(true);
    setError(undefined);
    setOutcome({ kind: 'none' });
    const answer = await call('requestHostedJwks', { id, appId: appId.trim() });
    setBusy(false);
    if (!answer.ok) {
      setResult(undefined);
      setError(answer.error);
    } else if (!answer.value.saved) {
      setResult(undefined);
      setOutcome({ kind: 'info', text: 'Not saved: no folder was chosen.' });
    } else setResult(answer.value);
  };

  return (
    <section className="keys-section" aria-labelledby={`${base}-heading`} data-testid="hosted-jwks">
      <h3 id={`${base}-heading`}>NHS-hosted JWKS (instead of your own jwks_uri)</h3>
      <p>
        NHS can host your public key in its identity-service-jwks repository: NHS runs <ExternalLink url={MAKE_JWK}>make_jwk.py</ExternalLink> with the key, its kid, the
        environment and your Developer Hub <strong>Application ID</strong> — a UUID on the application page, not the API key — and gives you the URL to set as the
        Public key URL. Use a dated key ID so NHS's expiry check can remind you to rotate it.
      </p>
      <div className="action-row">
        <div className="field field-inline hosted-jwks-app-id">
          <label htmlFor={`${base}-app-id`}>Application ID (UUID v4)</label>
          <input id={`${base}-app-id`} type="text" spellCheck={false} autoComplete="off" value={appId} placeholder="9b2f3c1e-4d5a-4b6c-8d7e-0f1a2b3c4d5e" onChange={(event) => setAppId(event.target.value)} />
        </div>
        <button type="button" className="button button-secondary" disabled={busy || !hasActiveKey || appId.trim() === ''} onClick={() => void save()}>
          <Icon name="package" size={18} />
          {busy ? 'Saving…' : 'NHS-hosted JWKS request…'}
        </button>
      </div>
      {!hasActiveKey && <p className="muted">Generate a key pair first: the request is for the active key.</p>}
      {error !== undefined && <ErrorNotice error={error} />}
      <ActionStatus outcome={outcome} testId="hosted-jwks-status" />
      {result !== undefined && (
        <div className="notice notice-success" data-testid="hosted-jwks-result">
          <Icon name="check" className="notice-icon" />
          <div>
            <p className="notice-title">Request saved to {result.path}</p>
            <dl className="facts">
              <dt>KEY_ID</dt>
              <dd>
                <code>{result.request.kid}</code>
              </dd>
              <dt>ENV</dt>
              <dd>
                <code data-testid="hosted-jwks-env">{result.request.environment}</code>
              </dd>
              <dt>APP_ID</dt>
              <dd>
                <code>{result.request.app_id}</code>
              </dd>
              <dt>Files</dt>
              <dd>{result.files.map((f) => f.split(/[\\/]/).pop()).join(', ')}</dd>
              <dt>Public key URL, once NHS has added it</dt>
              <dd>
                <code>{result.publicKeyUrl}</code>{' '}
                <button type="button" className="button button-secondary button-small" onClick={() => void copyPublicText(result.publicKeyUrl).then((r) => setOutcome(r.ok ? { kind: 'done', text: 'Copied the Public key URL.' } : { kind: 'error', error: r.error }))}>
                  <Icon name="copy" size={16} />
                  Copy URL
                </button>
              </dd>
            </dl>
            {result.warnings.length > 0 && (
              <WarningList warnings={result.warnings} testId="hosted-jwks-warnings" />
            )}
            <p>Send request.json and public-key.pem to NHS as README.txt says.</p>
          </div>
        </div>
      )}
    </section>
  );
}
