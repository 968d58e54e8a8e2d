/**
 * Open a package: drop (or choose) a registration package and see whether it verifies — hashes,
 * signature, today's rules and, unless offline, the live jwks_uri. The file is read in the window
 * and sent as base64; the main process does all the checking.
 */
import { useRef, useState, type DragEvent, type ReactElement } from 'react';
import type { ErrorPayload } from '../../contract/errors';
import { PACKAGE_MAX_BYTES } from '../../contract/operations/packages';
import { escapeForDisplay } from '../../contract/text/display';
import { ActionStatus, type ActionOutcome } from '../components/action-status';
import { Breakable } from '../components/breakable';
import { ErrorNotice } from '../components/error-notice';
import { FindingItem, WarningList } from '../components/findings';
import { orderedRequestedValues } from '../../contract/schemas/package-verification';
import { Icon, type IconName } from '../components/icons';
import { call, type ValueFor } from '../hooks/use-operation';
import { copyPlain, formatBytes, NetworkOptions, SendTo } from './shared';
import { formatDateTime } from '../format/dates';

type Verification = ValueFor<'verifyPackage'>;
type Step = Verification['steps'][number];

/** Base64 of a file's bytes, in chunks (a spread of a large array would overflow the stack). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const STATUS: Record<Step['status'], { icon: IconName; word: string; tone: string }> = {
  pass: { icon: 'check', word: 'Passed', tone: 'tone-ok' },
  warn: { icon: 'warning', word: 'Warning', tone: 'tone-warn' },
  fail: { icon: 'error', word: 'Failed', tone: 'tone-error' },
  skip: { icon: 'pending', word: 'Skipped', tone: 'tone-pending' },
};

function StepItem({ step }: { step: Step }): ReactElement {
  const status = STATUS[step.status];
  return (
    <li className={`check-item check-${step.status}`} data-step-id={step.id} data-status={step.status}>
      <div className="check-head">
        <span className={`check-status ${status.tone}`}>
          <Icon name={status.icon} size={16} /> {status.word}
        </span>
        <span className="check-title">{step.title}</span>
      </div>
      <p>{escapeForDisplay(step.message)}</p>
      {step.details !== undefined && Object.keys(step.details).length > 0 && (
        <details className="check-evidence">
          <summary>Details</summary>
          <pre>{JSON.stringify(step.details, null, 2)}</pre>
        </details>
      )}
    </li>
  );
}

interface ChangedCheck {
  id: string;
  before: string;
  after: string;
}

function changedChecks(step: Step | undefined): ChangedCheck[] {
  const changed = step?.details?.changed;
  if (!Array.isArray(changed)) return [];
  return changed.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { id, before, after } = item as Record<string, unknown>;
    return typeof id === 'string' ? [{ id, before: String(before), after: String(after) }] : [];
  });
}

function LiveChanges({ verification }: { verification: Verification }): ReactElement {
  const step = verification.steps.find((s) => s.id === 'live.check');
  const changed = changedChecks(step);
  return (
    <section className="package-section" aria-labelledby="live-changes">
      <h3 id="live-changes">What changed at the live jwks_uri</h3>
      {step === undefined || step.status === 'skip' ? (
        <p className="muted">{step?.message ?? 'The live jwks_uri was not checked.'}</p>
      ) : (
        <>
          <p data-testid="live-changes">{step.message}</p>
          {changed.length > 0 && (
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Check</th>
                  <th scope="col">At packaging</th>
                  <th scope="col">Now</th>
                </tr>
              </thead>
              <tbody>
                {changed.map((item) => (
                  <tr key={item.id}>
                    <td>
                      <code>{item.id}</code>
                    </td>
                    <td>{item.before}</td>
                    <td>{item.after}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

const LIVE: Record<Verification['live']['status'], { icon: IconName; word: string; tone: string }> = {
  pass: { icon: 'check', word: 'Passes', tone: 'tone-ok' },
  warn: { icon: 'warning', word: 'Warns', tone: 'tone-warn' },
  fail: { icon: 'error', word: 'Fails', tone: 'tone-error' },
  'not-checked': { icon: 'pending', word: 'Not checked', tone: 'tone-pending' },
};

const yesNo = (value: boolean | undefined) => (value === undefined ? 'not known' : value ? 'yes' : 'no');

/** The two verdicts side by side: the file itself, and the jwks_uri now. */
function Verdicts({ verification }: { verification: Verification }): ReactElement {
  const { intact, live } = verification;
  const liveStatus = LIVE[live.status];
  return (
    <dl className="verify-verdicts" data-testid="verify-verdicts">
      <div data-testid="verdict-intact" data-status={intact.status}>
        <dt>Intact and signed by the enclosed key</dt>
        <dd className={intact.status === 'pass' ? 'tone-ok' : 'tone-error'}>
          <Icon name={intact.status === 'pass' ? 'check' : 'error'} size={16} /> {intact.status === 'pass' ? 'Yes' : 'No'}
          {intact.status === 'fail' && <span className="muted"> — {intact.message}</span>}
        </dd>
      </div>
      <div data-testid="verdict-live" data-status={live.status}>
        <dt>Live state now</dt>
        <dd className={liveStatus.tone}>
          <Icon name={liveStatus.icon} size={16} /> {liveStatus.word}
          <span className="muted"> — {live.message}</span>
        </dd>
        {live.status !== 'not-checked' && (
          <dd>
            <ul className="verify-live-facts">
              <li>jwks_uri reachable: {yesNo(live.reachable)}</li>
              <li>Signing key still published: {yesNo(live.keyPublished)}</li>
              <li>
                jwks_uri check: {live.checkThen === undefined ? 'none packaged' : `${live.checkThen.toUpperCase()} at packaging`} →{' '}
                {live.checkNow === undefined ? 'not run now' : `${live.checkNow.toUpperCase()} now`}
              </li>
            </ul>
          </dd>
        )}
      </div>
    </dl>
  );
}

function RequestedValue({ value }: { value: unknown }): ReactElement {
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">(empty list)</span>;
    return (
      <ul className="plain-list">
        {value.map((item, index) => (
          <li key={index}>
            <code>
              <Breakable text={escapeForDisplay(typeof item === 'string' ? item : JSON.stringify(item))} />
            </code>
          </li>
        ))}
      </ul>
    );
  }
  // A package is untrusted: its values are shown with bidi, control and invisible characters escaped.
  return (
    <code>
      <Breakable text={escapeForDisplay(typeof value === 'string' ? value : JSON.stringify(value))} />
    </code>
  );
}

/** What the package asks the provider to register, and today's findings on it. */
function Requested({ verification }: { verification: Verification }): ReactElement {
  const { requested, findings } = verification;
  return (
    <>
      <section className="package-section" aria-labelledby="requested-values">
        <h3 id="requested-values">What the package asks for</h3>
        {requested === undefined ? (
          <p className="muted">registration.json is not readable, so the requested values cannot be shown.</p>
        ) : (
          <>
            <p className="muted">
              {requested.provider.name}, environment {requested.environment.label}
              {verification.intact.status === 'pass' ? '' : ' — the package is not intact, so these values may have been altered'}.
            </p>
            <table className="data-table requested-values" data-testid="requested-values">
              <thead>
                <tr>
                  <th scope="col">Value</th>
                  <th scope="col">Requested</th>
                </tr>
              </thead>
              <tbody>
                {orderedRequestedValues(requested.values).map(([name, value]) => (
                  <tr key={name} data-value-name={name}>
                    <th scope="row">
                      <code>
                        <Breakable text={name} />
                      </code>
                    </th>
                    <td>
                      <RequestedValue value={value} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
      <section className="package-section" aria-labelledby="package-findings">
        <h3 id="package-findings">Findings under today’s rules</h3>
        {findings.length === 0 ? (
          <p className="muted">{requested === undefined ? 'Not checked.' : 'None.'}</p>
        ) : (
          <ul className="findings" data-testid="package-findings">
            {findings.map((finding, index) => (
              <FindingItem key={`${finding.code}-${finding.path}-${index}`} finding={finding} showPath showCode />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function normaliseHash(value: string): string {
  return value.replace(/[\s:]/g, '').toLowerCase();
}

function Report({ fileName, verification }: { fileName: string; verification: Verification }): ReactElement {
  const [quoted, setQuoted] = useState('');
  const [copyOutcome, setCopyOutcome] = useState<ActionOutcome>({ kind: 'none' });
  const valid = verification.verdict === 'valid';
  const intactOk = verification.intact.status === 'pass';
  const quotedHash = normaliseHash(quoted);
  const matches = quotedHash !== '' && quotedHash === verification.sha256.toLowerCase();
  return (
    <section className="card package-report" aria-labelledby="package-report-heading">
      <h2 id="package-report-heading">Verification of {fileName}</h2>
      <div className={`notice verdict-banner ${valid ? 'notice-success' : 'notice-error'}`} data-testid="package-verdict" data-verdict={verification.verdict}>
        <Icon name={valid ? 'check' : 'error'} className="notice-icon" />
        <div>
          <p className="notice-title">{valid ? 'Valid: the package is intact and its signature verifies.' : intactOk ? 'Invalid: the package itself is intact, but its live state fails.' : 'Invalid: do not act on this package.'}</p>
          <p data-testid="verify-headline">{verification.headline}</p>
          <p>
            {valid
              ? 'Compare the SHA-256 below with the one the sender quoted in their message.'
              : intactOk
                ? 'Ask the sender to fix the published jwks_uri; the file itself need not change.'
                : 'The failed steps below say what is wrong. Ask the sender for a fresh package.'}
          </p>
          <p className="muted">
            Verified {formatDateTime(verification.verifiedAt)}
            {verification.offline ? ' (offline: the live jwks_uri was not fetched)' : ''} · {formatBytes(verification.bytes)}
          </p>
        </div>
      </div>

      <Verdicts verification={verification} />

      <div className="package-section">
        <h3>SHA-256 of the file</h3>
        <p>
          <code className="fingerprint sha256" data-testid="verify-sha256">
            {verification.sha256}
          </code>
        </p>
        <div className="field">
          <label htmlFor="quoted-sha256">SHA-256 the sender quoted (optional, to compare)</label>
          <input id="quoted-sha256" type="text" spellCheck={false} autoComplete="off" value={quoted} onChange={(event) => setQuoted(event.target.value)} aria-describedby="quoted-result" />
          <p id="quoted-result" role="status" className={quotedHash === '' ? 'muted' : matches ? 'tone-ok' : 'tone-error'}>
            {quotedHash === '' ? '' : matches ? '✓ Matches: this is the file the sender built.' : '✗ Does not match: this is not the file the sender quoted.'}
          </p>
        </div>
      </div>

      <Requested verification={verification} />

      <div className="package-section">
        <h3>Steps</h3>
        <ol className="check-list" data-testid="verify-steps">
          {verification.steps.map((step) => (
            <StepItem key={step.id} step={step} />
          ))}
        </ol>
      </div>

      {verification.warnings.length > 0 && (
        <div className="package-section">
          <h3>Warnings</h3>
          <WarningList warnings={verification.warnings} />
        </div>
      )}

      <LiveChanges verification={verification} />

      {verification.sendTo !== undefined && <SendTo text={verification.sendTo} />}

      <div className="action-row report-actions">
        <button type="button" className="button button-secondary" onClick={() => void copyPlain(verification.markdown, 'Copied the report as Markdown.').then(setCopyOutcome)}>
          <Icon name="copy" size={18} />
          Copy as Markdown
        </button>
      </div>
      <ActionStatus outcome={copyOutcome} testId="verify-copy-status" />
    </section>
  );
}

/** The Open a package page. */
export function OpenPackageScreen(): ReactElement {
  const input = useRef<HTMLInputElement>(null);
  const [offline, setOffline] = useState(false);
  const [caPem, setCaPem] = useState('');
  const [allowPrivateNetwork, setAllowPrivateNetwork] = useState(false);
  const [file, setFile] = useState<{ name: string; base64: string } | undefined>(undefined);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ fileName: string; verification: Verification } | undefined>(undefined);
  const [error, setError] = useState<ErrorPayload | undefined>(undefined);

  const verify = async (chosen: { name: string; base64: string }) => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    const answer = await call('verifyPackage', {
      fileName: chosen.name,
      base64: chosen.base64,
      ...(offline && { offline: true }),
      ...(!offline && caPem.trim() !== '' && { caPem }),
      ...(!offline && allowPrivateNetwork && { allowPrivateNetwork: true }),
    });
    setBusy(false);
    if (answer.ok) setResult({ fileName: chosen.name, verification: answer.value });
    else setError(answer.error);
  };

  const open = async (picked: File | undefined) => {
    if (!picked) return;
    // The size first: an untrusted 600 MB file is refused before a byte of it is read into the page.
    if (picked.size > PACKAGE_MAX_BYTES) {
      setResult(undefined);
      setError({ code: 'INPUT_UNREADABLE', message: `${escapeForDisplay(picked.name)} is ${picked.size} bytes, over the ${PACKAGE_MAX_BYTES}-byte limit of a registration package, so it was not read.` });
      return;
    }
    const chosen = { name: picked.name, base64: await fileToBase64(picked) };
    setFile(chosen);
    await verify(chosen);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    void open(event.dataTransfer.files[0]);
  };

  return (
    <>
      <h1 tabIndex={-1}>Open a package</h1>
      <p className="lede">
        Check a signed registration package: that it is intact, who signed it, whether its values meet today’s rules and whether the live jwks_uri
        still matches. You build your own package in a registration’s Review step.
      </p>

      <div
        className={dragging ? 'drop-zone drop-zone-active' : 'drop-zone'}
        data-testid="drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <Icon name="package" size={36} />
        <p className="drop-zone-text">Drop a package (.zip) here, or</p>
        <button type="button" className="button button-primary" onClick={() => input.current?.click()} disabled={busy}>
          Choose file…
        </button>
        <input
          ref={input}
          type="file"
          accept=".zip,application/zip"
          hidden
          data-testid="package-file-input"
          onChange={(event) => {
            const picked = event.target.files?.[0];
            // Reset so choosing the same file again (e.g. after changing it on disk) fires again.
            event.target.value = '';
            void open(picked);
          }}
        />
        {file !== undefined && (
          <p className="muted">
            Opened: <code>{file.name}</code>
          </p>
        )}
      </div>

      <NetworkOptions
        idPrefix="verify"
        offline={offline}
        setOffline={setOffline}
        caPem={caPem}
        setCaPem={setCaPem}
        offlineLabel="Offline: verify the file only; do not fetch the live jwks_uri"
        allowPrivate={{
          checked: allowPrivateNetwork,
          onChange: setAllowPrivateNetwork,
          what: 'A package comes from someone else: its jwks_uri is not fetched when it points at this computer or a private network (10.x, 192.168.x, …) unless you tick this.',
        }}
      />
      {file !== undefined && (
        <div className="action-row">
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => void verify(file)}>
            Verify again with these options
          </button>
        </div>
      )}

      <div aria-live="polite">
        {busy && (
          <p className="check-progress">
            <span className="spinner" aria-hidden="true" />
            Verifying{offline ? '' : ' (and fetching the live jwks_uri)'}…
          </p>
        )}
      </div>
      {error !== undefined && <ErrorNotice error={error} />}
      {result !== undefined && <Report key={`${result.fileName}-${result.verification.sha256}-${result.verification.verifiedAt}`} fileName={result.fileName} verification={result.verification} />}
      {result === undefined && error === undefined && !busy && (
        <div className="package-empty" data-testid="package-empty">
          <p>
            <strong>No package open yet.</strong> Nothing leaves this computer until you choose a file; then only the package’s own jwks_uri is
            fetched, and only when not offline.
          </p>
          <a className="button button-secondary" href="#/registrations">
            Go to Registrations
          </a>
        </div>
      )}
    </>
  );
}
