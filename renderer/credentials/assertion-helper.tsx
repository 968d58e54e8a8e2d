/**
 * The client assertion helper for private_key_jwt registrations: sign an RFC 7523 assertion with
 * the active key, show it decoded, copy it (or a ready curl command), and — only when the user
 * asks — test it against the provider's token endpoint.
 */
import { useEffect, useState, type ReactElement } from 'react';
import type { ErrorPayload } from '../../contract/errors';
import { ActionStatus, type ActionOutcome } from '../components/action-status';
import { ErrorNotice } from '../components/error-notice';
import { WarningList } from '../components/findings';
import { Icon } from '../components/icons';
import { call, type ValueFor } from '../hooks/use-operation';
import { AllowPrivateNetwork } from '../components/allow-private-network';
import { formatDateTime, formatTime } from '../format/dates';

type Assertion = ValueFor<'createAssertion'>;
type Probe = ValueFor<'probeTokenEndpoint'>;

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [active]);
  return now;
}

function Expiry({ expiresAt }: { expiresAt: string }): ReactElement {
  const end = new Date(expiresAt).getTime();
  const now = useNow(true);
  const left = Math.max(0, Math.round((end - now) / 1000));
  const at = formatTime(end);
  // Announced only when it changes state, not every second.
  return (
    <p className={left === 0 ? 'assertion-expiry tone-error' : 'assertion-expiry'} data-testid="assertion-expiry">
      <Icon name={left === 0 ? 'warning' : 'pending'} size={16} />{' '}
      {left === 0 ? `Expired at ${at}. Create a new one.` : `Valid until ${at} (${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} left).`}
    </p>
  );
}

function timeOf(seconds: number): string {
  return formatDateTime(seconds * 1000);
}

function DecodedTable({ caption, rows }: { caption: string; rows: [string, string, string?][] }): ReactElement {
  return (
    <table className="data-table decoded-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, value, note]) => (
          <tr key={name}>
            <th scope="row">
              <code>{name}</code>
            </th>
            <td>
              <code>{value}</code>
              {note !== undefined && <span className="muted"> ({note})</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const VERDICT: Record<Probe['verdict'], { tone: string; icon: 'check' | 'error' | 'warning'; title: string }> = {
  accepted: { tone: 'notice-success', icon: 'check', title: 'Accepted: the token endpoint accepted your client authentication.' },
  refused: { tone: 'notice-error', icon: 'error', title: 'Refused: the token endpoint did not accept your client authentication.' },
  inconclusive: { tone: 'notice-warning', icon: 'warning', title: 'Inconclusive: the answer does not say whether your client authentication works.' },
};

function ProbeResult({ probe }: { probe: Probe }): ReactElement {
  const verdict = VERDICT[probe.verdict];
  return (
    <div className={`notice ${verdict.tone}`} data-testid="probe-verdict" data-verdict={probe.verdict}>
      <Icon name={verdict.icon} className="notice-icon" />
      <div>
        <p className="notice-title">{verdict.title}</p>
        <p>{probe.explanation}</p>
        <p className="muted">
          HTTP {probe.status}
          {probe.error !== undefined && (
            <>
              {' '}
              · error <code>{probe.error}</code>
            </>
          )}
          {probe.errorDescription !== undefined && <> · “{probe.errorDescription}”</>} · {probe.durationMs} ms · <code>{probe.tokenEndpoint}</code>
        </p>
        {probe.checks.length > 0 && (
          <ul className="probe-checks">
            {probe.checks.map((check, index) => (
              <li key={index}>{check}</li>
            ))}
          </ul>
        )}
        {probe.warnings.length > 0 && (
          <ul className="probe-warnings" data-testid="probe-warnings">
            {probe.warnings.map((warning, index) => (
              <li key={index}>
                <Icon name="warning" size={16} /> {warning}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

/** The helper for one private_key_jwt registration. */
export function AssertionHelper({ id, identifierLabel = 'Client ID' }: { id: string; identifierLabel?: string }): ReactElement {
  const [assertion, setAssertion] = useState<Assertion | undefined>(undefined);
  const [error, setError] = useState<ErrorPayload | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [audience, setAudience] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [needsPassphrase, setNeedsPassphrase] = useState(false);
  const [copyOutcome, setCopyOutcome] = useState<ActionOutcome>({ kind: 'none' });
  const [probe, setProbe] = useState<Probe | undefined>(undefined);
  const [allowPrivateNetwork, setAllowPrivateNetwork] = useState(false);
  const [probeError, setProbeError] = useState<ErrorPayload | undefined>(undefined);
  const [probing, setProbing] = useState(false);
  const [caPem, setCaPem] = useState('');

  const signing = () => ({
    id,
    ...(audience.trim() !== '' && { audience: audience.trim() }),
    ...(needsPassphrase && passphrase !== '' && { unlockPassphrase: passphrase }),
  });
  const passphraseProblem = (problem: ErrorPayload) => {
    if (problem.code === 'PASSPHRASE_REQUIRED' || problem.code === 'PASSPHRASE_INCORRECT') setNeedsPassphrase(true);
  };

  const create = async () => {
    setBusy(true);
    setError(undefined);
    setCopyOutcome({ kind: 'none' });
    const result = await call('createAssertion', signing());
    setBusy(false);
    if (result.ok) {
      setAssertion(result.value);
      setProbe(undefined);
      setProbeError(undefined);
    } else {
      setError(result.error);
      passphraseProblem(result.error);
    }
  };

  const copy = async (text: string, what: string) => {
    // An assertion is a short-lived credential: copy it as sensitive so the clipboard is cleared.
    const result = await call('copyText', { text, sensitive: true });
    if (!result.ok) setCopyOutcome({ kind: 'error', error: result.error });
    else
      setCopyOutcome({
        kind: 'done',
        text: `Copied ${what}${result.value.clearAfterSeconds !== undefined ? ` — the clipboard will be cleared in ${result.value.clearAfterSeconds} s` : ''}.`,
      });
  };

  const runProbe = async () => {
    setProbing(true);
    setProbeError(undefined);
    setProbe(undefined);
    const result = await call('probeTokenEndpoint', { ...signing(), ...(caPem.trim() !== '' && { caPem }), ...(allowPrivateNetwork && { allowPrivateNetwork: true }) });
    setProbing(false);
    if (result.ok) setProbe(result.value);
    else {
      setProbeError(result.error);
      passphraseProblem(result.error);
    }
  };

  return (
    <section className="card assertion-helper" aria-labelledby="assertion-heading">
      <h2 id="assertion-heading">Client assertion helper</h2>
      <p className="action-help">
        With private_key_jwt, your application proves who it is by signing a short-lived JWT with its private key. Create one here to try the token
        endpoint by hand (for example with curl) or to compare with what your application sends.
      </p>
      <details className="advanced">
        <summary>Advanced options</summary>
        <div className="field">
          <label htmlFor="assertion-audience">Audience (optional)</label>
          <p className="field-help" id="assertion-audience-help">
            Default: the provider’s token endpoint for this environment.
          </p>
          <input id="assertion-audience" type="url" spellCheck={false} value={audience} aria-describedby="assertion-audience-help" onChange={(event) => setAudience(event.target.value)} />
        </div>
      </details>
      {needsPassphrase && (
        <div className="field">
          <label htmlFor="assertion-passphrase">Key passphrase</label>
          <input id="assertion-passphrase" type="password" autoComplete="off" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} />
        </div>
      )}
      <div className="action-row">
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void create()}>
          <Icon name="key" size={18} />
          {assertion === undefined ? 'Create client assertion' : 'Create a new client assertion'}
        </button>
      </div>
      {error !== undefined && <ErrorNotice error={error} />}

      {assertion !== undefined && (
        <div className="assertion-result" data-testid="assertion-result">
          <Expiry expiresAt={assertion.expiresAt} />
          <div className="assertion-grid">
            <div>
              <h3>JWT</h3>
              <pre className="code-block jwt" data-testid="assertion-jwt" tabIndex={0} aria-label="The client assertion JWT">
                {assertion.jwt}
              </pre>
            </div>
            <div>
              <DecodedTable
                caption="Header"
                rows={[
                  ['alg', assertion.header.alg],
                  ['kid', assertion.header.kid],
                  ['typ', assertion.header.typ],
                ]}
              />
              <DecodedTable
                caption="Claims"
                rows={[
                  ['iss', assertion.claims.iss, `your ${identifierLabel}`],
                  ['sub', assertion.claims.sub, `your ${identifierLabel}`],
                  ['aud', assertion.claims.aud, 'the token endpoint'],
                  ['jti', assertion.claims.jti, 'unique per assertion'],
                  ['iat', String(assertion.claims.iat), timeOf(assertion.claims.iat)],
                  ['exp', String(assertion.claims.exp), timeOf(assertion.claims.exp)],
                ]}
              />
              <p className="muted">
                Grant type for the curl command: <code>{assertion.grantType}</code>
              </p>
            </div>
          </div>
          {assertion.warnings.length > 0 && (
            <WarningList warnings={assertion.warnings} />
          )}
          <div className="action-row">
            <button type="button" className="button button-secondary" onClick={() => void copy(assertion.jwt, 'the JWT')}>
              <Icon name="copy" size={18} />
              Copy as JWT
            </button>
            <button type="button" className="button button-secondary" onClick={() => void copy(assertion.curl, 'the curl command')}>
              <Icon name="copy" size={18} />
              Copy as curl
            </button>
          </div>
          <ActionStatus outcome={copyOutcome} testId="assertion-copy-status" />

          <div className="probe">
            <h3>Test against the token endpoint</h3>
            <p className="action-help">
              Sends one request to <code>{assertion.claims.aud}</code> with a fresh assertion and a dummy authorization code. No token can be issued. An{' '}
              <code>invalid_grant</code> answer means your client authentication was accepted (only the dummy code was refused); <code>invalid_client</code>{' '}
              means it was refused.
            </p>
            <details className="advanced">
              <summary>Extra CA certificates</summary>
              <div className="field">
                <label htmlFor="probe-ca">Extra CA certificates (PEM, optional)</label>
                <textarea id="probe-ca" rows={3} spellCheck={false} value={caPem} onChange={(event) => setCaPem(event.target.value)} />
              </div>
              <AllowPrivateNetwork
                id="probe-allow-private"
                checked={allowPrivateNetwork}
                onChange={setAllowPrivateNetwork}
                what="Without an audience typed above, the token endpoint comes from the provider's data (its discovery document); it is not contacted on this computer or a private network unless you tick this."
              />
            </details>
            <div className="action-row">
              <button type="button" className="button button-secondary" disabled={probing} onClick={() => void runProbe()}>
                {probing ? 'Testing…' : 'Test against the token endpoint'}
              </button>
            </div>
            <div aria-live="polite">
              {probing && (
                <p className="check-progress">
                  <span className="spinner" aria-hidden="true" /> Asking the token endpoint…
                </p>
              )}
              {probe !== undefined && <ProbeResult probe={probe} />}
            </div>
            {probeError !== undefined && <ErrorNotice error={probeError} />}
          </div>
        </div>
      )}
    </section>
  );
}
