/**
 * Check a jwks_uri (standalone): any URL, optionally the key that must be published and an extra
 * CA. Results stream in as each check finishes. A registration's own check, with its keys and
 * history, lives on the registration's "jwks_uri check" step.
 */
import { useState, type FormEvent, type ReactElement } from 'react';
import { AllowPrivateNetwork } from '../components/allow-private-network';
import { EmptyState } from '../components/empty-state';
import { Icon } from '../components/icons';
import { CheckRunView } from './check-results';
import { useCheckRun } from './use-check-run';

const DEFAULT_TIMEOUT_SECONDS = 20;

/** The standalone tester. */
export function CheckScreen(): ReactElement {
  const [url, setUrl] = useState('');
  const [expectText, setExpectText] = useState('');
  const [caPem, setCaPem] = useState('');
  const [allowPrivateNetwork, setAllowPrivateNetwork] = useState(false);
  const [timeoutSeconds, setTimeoutSeconds] = useState(String(DEFAULT_TIMEOUT_SECONDS));
  const [urlMissing, setUrlMissing] = useState(false);
  const { state, run } = useCheckRun();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (url.trim() === '') {
      setUrlMissing(true);
      return;
    }
    setUrlMissing(false);
    const seconds = Number(timeoutSeconds);
    const timeoutMs = Number.isFinite(seconds) && seconds > 0 ? Math.min(120_000, Math.max(500, Math.round(seconds * 1000))) : undefined;
    void run({
      url: url.trim(),
      ...(expectText.trim() !== '' && { expectText }),
      ...(caPem.trim() !== '' && { caPem }),
      ...(allowPrivateNetwork && { allowPrivateNetwork: true }),
      ...(timeoutMs !== undefined && { timeoutMs }),
    });
  };

  return (
    <>
      <h1 tabIndex={-1}>Check a jwks_uri</h1>
      <p className="lede">Fetch your published key set the way the identity provider will, and see every problem before they do.</p>
      <form className="card form check-form" onSubmit={submit} noValidate aria-label="Check settings">
        <div className="field">
          <label htmlFor="check-url">jwks_uri</label>
          <p className="field-help" id="check-url-help">
            The https address of your public JWK Set.
          </p>
          <input
            id="check-url"
            type="url"
            inputMode="url"
            spellCheck={false}
            autoComplete="off"
            placeholder="https://app.example.org/.well-known/jwks.json"
            aria-invalid={urlMissing ? true : undefined}
            aria-describedby={urlMissing ? 'check-url-help check-url-error' : 'check-url-help'}
            value={url}
            onChange={(event) => setUrl(event.target.value)}
          />
          {urlMissing && (
            <p className="field-error" id="check-url-error">
              <Icon name="error" size={16} /> Enter the address to check.
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="check-expect">Expected key (optional)</label>
          <p className="field-help" id="check-expect-help">
            A public JWK, JWK Set or PEM public key that must be published there; the check confirms it is, with the same fingerprint.
          </p>
          <textarea id="check-expect" rows={4} spellCheck={false} aria-describedby="check-expect-help" value={expectText} onChange={(event) => setExpectText(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="check-ca">Extra trusted CA (optional)</label>
          <p className="field-help" id="check-ca-help">
            PEM certificates, for corporate or test CAs that your system does not trust.
          </p>
          <textarea id="check-ca" rows={4} spellCheck={false} aria-describedby="check-ca-help" value={caPem} onChange={(event) => setCaPem(event.target.value)} />
        </div>
        <AllowPrivateNetwork
          id="check-allow-private"
          checked={allowPrivateNetwork}
          onChange={setAllowPrivateNetwork}
          what="The address you type may be local (it is reported as not public). A redirect from a public host into this computer or a private network is refused unless you tick this."
        />
        <div className="field field-narrow">
          <label htmlFor="check-timeout">Time limit (seconds)</label>
          <input id="check-timeout" type="number" min={1} max={120} step={1} value={timeoutSeconds} onChange={(event) => setTimeoutSeconds(event.target.value)} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={state.status === 'running'}>
            <Icon name="shield" size={18} />
            {state.status === 'running' ? 'Checking…' : 'Run check'}
          </button>
        </div>
      </form>
      {state.status === 'idle' ? (
        <EmptyState
          icon="shield"
          heading="Nothing checked yet"
          action={
            <a className="button button-secondary" href="#/registrations">
              Go to Registrations
            </a>
          }
        >
          Enter a jwks_uri and run the check: it fetches the address over HTTPS, then judges the certificate, the response headers and every key in it. To
          check a registration against its own keys and keep a history, open it from Registrations.
        </EmptyState>
      ) : (
        <section className="card" aria-labelledby="check-results-heading">
          <h2 id="check-results-heading">Results</h2>
          <CheckRunView state={state} />
        </section>
      )}
    </>
  );
}
