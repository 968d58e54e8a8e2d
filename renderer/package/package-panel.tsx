/**
 * Review & package: what the signed request package will hold, what blocks it, and building it.
 * Building runs a fresh jwks_uri check in the main process (unless offline) and asks where to
 * save; the answer's SHA-256 is what the developer quotes in the e-mail that carries the file.
 * With blocking findings the user may still "package anyway", but only with a typed reason,
 * which the package records.
 */
import { useState, type ReactElement } from 'react';
import type { ErrorPayload } from '../../contract/errors';
import { ActionStatus, type ActionOutcome } from '../components/action-status';
import { Breakable } from '../components/breakable';
import { ErrorNotice } from '../components/error-notice';
import { Icon } from '../components/icons';
import { call, useOperation, type ValueFor } from '../hooks/use-operation';
import { hrefFor, type WizardStep } from '../hooks/use-route';
import { STEP_TITLES, stepOfPath } from '../wizard/wizard-steps';
import { copyPlain, formatBytes, NetworkOptions, SendTo } from './shared';
import { formatDateTime } from '../format/dates';

type Preview = ValueFor<'previewPackage'>;
type Blocking = Preview['blocking'][number];
type Built = ValueFor<'buildPackage'>;

/** The wizard step where a blocking finding is fixed. */
function stepForBlocking(finding: Blocking, steps: readonly WizardStep[] | undefined): WizardStep {
  return stepOfPath(finding.path, steps, finding.source);
}

function BlockingList({ id, findings, steps }: { id: string; findings: readonly Blocking[]; steps: readonly WizardStep[] | undefined }): ReactElement {
  return (
    <ul className="findings blocking-list" data-testid="blocking-findings">
      {findings.map((finding, index) => {
        const step = stepForBlocking(finding, steps);
        return (
          <li key={index} className="finding finding-error" data-finding-code={finding.code}>
            <Icon name="error" className="finding-icon" />
            <div className="finding-text">
              <p className="finding-message">
                <strong>{finding.source !== 'jwks-check' ? 'Error:' : finding.code === 'dns.public' ? 'The provider cannot reach your jwks_uri:' : 'jwks_uri check failed:'}</strong> {finding.message}
                {finding.path !== '' && (
                  <>
                    {' '}
                    <code className="finding-path">{finding.path}</code>
                  </>
                )}
              </p>
              {step !== 'review' && (
                <a className="review-go" href={hrefFor({ name: 'registration', id, step })}>
                  Go to {STEP_TITLES[step]}
                  <span className="visually-hidden"> to fix {finding.path || finding.code}</span>
                </a>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function BuiltResult({ built }: { built: Built }): ReactElement {
  const [copyOutcome, setCopyOutcome] = useState<ActionOutcome>({ kind: 'none' });
  return (
    <div className="notice notice-success package-result" data-testid="package-result">
      <Icon name="check" className="notice-icon" />
      <div>
        <p className="notice-title">Package saved.</p>
        <dl className="facts">
          <dt>File</dt>
          <dd>
            <code data-testid="package-path">{built.path}</code>
          </dd>
          {built.bytes !== undefined && (
            <>
              <dt>Size</dt>
              <dd>{formatBytes(built.bytes)}</dd>
            </>
          )}
          <dt>SHA-256</dt>
          <dd>
            <span className="fingerprint-row">
              <code className="fingerprint sha256" data-testid="package-sha256">
                {built.sha256}
              </code>
              <button type="button" className="button button-secondary button-small" onClick={() => void copyPlain(built.sha256 ?? '', 'Copied the SHA-256.').then(setCopyOutcome)}>
                <Icon name="copy" size={16} />
                Copy SHA-256
              </button>
            </span>
          </dd>
        </dl>
        <p>Quote this SHA-256 in your e-mail: the provider compares it with the file they receive, so a changed or swapped file is noticed.</p>
        <ActionStatus outcome={copyOutcome} testId="package-copy-status" />
        {built.sendTo !== undefined && <SendTo text={built.sendTo} headingLevel={4} />}
      </div>
    </div>
  );
}

function History({ history }: { history: Preview['history'] }): ReactElement {
  return (
    <section className="package-history" aria-labelledby="package-history-heading">
      <h3 id="package-history-heading">Packages built</h3>
      {history.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <table className="data-table" data-testid="package-history">
          <thead>
            <tr>
              <th scope="col">Built</th>
              <th scope="col">SHA-256</th>
              <th scope="col">Size</th>
              <th scope="col">File</th>
              <th scope="col">Packaged anyway because</th>
            </tr>
          </thead>
          <tbody>
            {[...history].reverse().map((entry) => (
              <tr key={`${entry.createdAt}-${entry.sha256}`}>
                <td>{formatDateTime(entry.createdAt)}</td>
                <td>
                  <code className="sha256">{entry.sha256}</code>
                </td>
                <td>{formatBytes(entry.bytes)}</td>
                <td>
                  <code>{entry.path}</code>
                </td>
                <td>{entry.acknowledged ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function PackageBody({ id, preview, reload, steps }: { id: string; preview: Preview; reload: () => void; steps: readonly WizardStep[] | undefined }): ReactElement {
  const [offline, setOffline] = useState(false);
  const [caPem, setCaPem] = useState('');
  const [anyway, setAnyway] = useState(false);
  const [reason, setReason] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [needsPassphrase, setNeedsPassphrase] = useState(false);
  const [busy, setBusy] = useState(false);
  const [built, setBuilt] = useState<Built | undefined>(undefined);
  const [error, setError] = useState<ErrorPayload | undefined>(undefined);
  const [cancelled, setCancelled] = useState(false);

  const blocked = preview.blocking.length > 0;
  const noKey = preview.signingKey === undefined;
  const reasonMissing = blocked && reason.trim() === '';

  const build = async () => {
    setBusy(true);
    setError(undefined);
    setBuilt(undefined);
    setCancelled(false);
    const result = await call('buildPackage', {
      id,
      ...(offline && { offline: true }),
      ...(!offline && caPem.trim() !== '' && { caPem }),
      ...(blocked && { acknowledgeFindings: reason.trim() }),
      ...(needsPassphrase && passphrase !== '' && { unlockPassphrase: passphrase }),
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      if (result.error.code === 'PASSPHRASE_REQUIRED' || result.error.code === 'PASSPHRASE_INCORRECT') setNeedsPassphrase(true);
      // A fresh check may have added (or cleared) blocking findings.
      reload();
      return;
    }
    if (!result.value.saved) {
      setCancelled(true);
      return;
    }
    setPassphrase('');
    setBuilt(result.value);
    reload();
  };

  return (
    <>
      <dl className="facts package-summary" data-testid="package-summary">
        <dt>Provider</dt>
        <dd>
          {preview.providerName} · {preview.environmentName}
        </dd>
        <dt>Public key given as</dt>
        <dd>{preview.keySource === 'jwks_uri' ? 'jwks_uri (a URL the provider fetches)' : 'PEM (a public key file in the package)'}</dd>
        {preview.jwksUri !== undefined && (
          <>
            <dt>jwks_uri</dt>
            <dd>
              <code>
                <Breakable text={preview.jwksUri} />
              </code>
            </dd>
          </>
        )}
        <dt>Signing key</dt>
        <dd>
          {preview.signingKey === undefined ? (
            <span className="status status-error">
              <Icon name="error" size={16} /> No active key
            </span>
          ) : (
            <>
              <code>{preview.signingKey.kid}</code> ({preview.signingKey.alg})
              <br />
              <span className="muted">Fingerprint (SHA-256 thumbprint): </span>
              <code className="fingerprint" data-testid="package-key-thumbprint">
                {preview.signingKey.thumbprint}
              </code>
            </>
          )}
        </dd>
      </dl>

      {noKey && (
        <div className="notice notice-warning">
          <Icon name="warning" className="notice-icon" />
          <div>
            <p className="notice-title">The package is signed with the registration’s active key, and there is none yet.</p>
            <p>
              <a href={hrefFor({ name: 'registration', id, step: 'keys' })}>Go to Keys &amp; authentication</a> to generate or import one.
            </p>
          </div>
        </div>
      )}

      {blocked && (
        <div className="package-blocking">
          <h3>
            {preview.blocking.length} finding{preview.blocking.length === 1 ? '' : 's'} block{preview.blocking.length === 1 ? 's' : ''} packaging
          </h3>
          <p>Fix them first. If you have agreed an exception with the provider, you can package anyway and the package records your reason.</p>
          <BlockingList id={id} findings={preview.blocking} steps={steps} />
        </div>
      )}

      <SendTo text={preview.sendTo} known={preview.sendToKnown} />

      <NetworkOptions
        idPrefix="package"
        offline={offline}
        setOffline={setOffline}
        caPem={caPem}
        setCaPem={setCaPem}
        offlineLabel="Offline: do not re-run the jwks_uri check; include the latest kept check instead"
      />

      {needsPassphrase && (
        <div className="field field-narrow-wide">
          <label htmlFor="package-passphrase">Key passphrase</label>
          <input id="package-passphrase" type="password" autoComplete="off" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} />
        </div>
      )}

      {blocked && !anyway && (
        <div className="action-row">
          <button type="button" className="button button-secondary" disabled={noKey} onClick={() => setAnyway(true)}>
            Package anyway…
          </button>
        </div>
      )}
      {blocked && anyway && (
        <div className="package-anyway">
          <div className="field">
            <label htmlFor="package-reason">Why package despite these findings? (required, recorded in the package)</label>
            <textarea id="package-reason" rows={2} value={reason} onChange={(event) => setReason(event.target.value)} aria-describedby="package-reason-help" />
            <p className="field-help" id="package-reason-help">
              For example: “Redirect URI agreed by phone with the provider on 3 March”. The provider sees this reason.
            </p>
          </div>
        </div>
      )}
      {(!blocked || anyway) && (
        <div className="action-row">
          <button type="button" className="button button-primary" disabled={busy || noKey || reasonMissing} onClick={() => void build()}>
            <Icon name="package" size={18} />
            {blocked ? 'Build package anyway…' : 'Build package…'}
          </button>
          {blocked && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setAnyway(false);
                setReason('');
              }}
            >
              Cancel
            </button>
          )}
        </div>
      )}

      <div aria-live="polite">
        {busy && (
          <p className="check-progress" data-testid="package-progress">
            <span className="spinner" aria-hidden="true" />
            {offline ? 'Building the package…' : 'Running a fresh jwks_uri check, then building the package…'}
          </p>
        )}
        {cancelled && <p className="action-info">Not saved: the save dialog was cancelled. Nothing was written.</p>}
      </div>
      {error !== undefined && (
        <ErrorNotice error={error}>
          {error.code === 'FINDINGS_BLOCK' && <p>The findings are listed above, each with a link to the step that fixes it.</p>}
        </ErrorNotice>
      )}
      {built !== undefined && <BuiltResult built={built} />}

      <History history={preview.history} />
    </>
  );
}

/** The "Package" section of the wizard's Review step. */
export function PackagePanel({ id, steps }: { id: string; /** The steps the provider uses (links go only to those). */ steps?: readonly WizardStep[] }): ReactElement {
  const preview = useOperation('previewPackage', { id });
  return (
    <section className="package-panel" aria-labelledby="package-heading">
      <h3 id="package-heading" className="package-panel-title">
        <Icon name="package" /> Package
      </h3>
      <p className="action-help">
        The package is one signed file with these values, your public key or jwks_uri and a fresh jwks_uri check. Send it to the provider to request
        the registration.
      </p>
      {preview.state.status === 'loading' && <p role="status">Loading…</p>}
      {preview.state.status === 'error' && <ErrorNotice error={preview.state.error} />}
      {preview.state.status === 'ok' && <PackageBody id={id} preview={preview.state.value} reload={preview.reload} steps={steps} />}
      <p className="package-next">
        When the provider answers with a Client ID, <a href={hrefFor({ name: 'credentials', id })}>store the credentials</a>.
      </p>
    </section>
  );
}
