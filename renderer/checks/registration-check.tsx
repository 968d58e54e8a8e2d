/**
 * A registration's jwks_uri check: its jwks_uri fetched and judged with its own keys expected
 * (the round trip signs with the active key), every run kept in its history, and any two runs
 * compared side by side.
 */
import { useEffect, useState, type ReactElement } from 'react';
import type { ErrorPayload } from '../../contract/errors';
import { ActionStatus } from '../components/action-status';
import { Icon } from '../components/icons';
import { call, useOperation, type ValueFor } from '../hooks/use-operation';
import { hrefFor } from '../hooks/use-route';
import { CheckRunView, StatusBadge } from './check-results';
import { useCheckRun } from './use-check-run';
import { formatDateTime } from '../format/dates';

type History = ValueFor<'checkHistory'>;
type Comparison = ValueFor<'compareChecks'>;

const VERDICT_WORD = { pass: 'Passed', warn: 'Warnings', fail: 'Failed' } as const;


function runLabel(run: History[number]): string {
  return `${formatDateTime(run.startedAt)} — ${VERDICT_WORD[run.verdict]}`;
}

function VerdictBadge({ verdict }: { verdict: History[number]['verdict'] }): ReactElement {
  return <StatusBadge status={verdict} />;
}

function ComparisonView({ comparison, before, after }: { comparison: Comparison; before: History[number]; after: History[number] }): ReactElement {
  return (
    <section className="comparison" aria-labelledby="comparison-heading" data-testid="comparison">
      <h5 id="comparison-heading">
        {formatDateTime(before.startedAt)} → {formatDateTime(after.startedAt)}
      </h5>
      <p className="comparison-verdict">
        Verdict: <VerdictBadge verdict={comparison.verdict.before} /> → <VerdictBadge verdict={comparison.verdict.after} />
        {comparison.verdictChanged ? ' (changed)' : ' (unchanged)'}
      </p>
      {comparison.changed.length === 0 && comparison.added.length === 0 && comparison.removed.length === 0 ? (
        <p>No check changed.</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">Checks whose outcome changed</caption>
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
              <th scope="col">Now</th>
            </tr>
          </thead>
          <tbody>
            {comparison.changed.map((change) => (
              <tr key={change.id} data-check-id={change.id}>
                <th scope="row">
                  <code>{change.id}</code>
                </th>
                <td>
                  <StatusBadge status={change.before} />
                </td>
                <td>
                  <StatusBadge status={change.after} />
                </td>
                <td>{change.message}</td>
              </tr>
            ))}
            {comparison.added.map((added) => (
              <tr key={`added-${added.id}`} data-check-id={added.id}>
                <th scope="row">
                  <code>{added.id}</code>
                </th>
                <td>Not run</td>
                <td>
                  <StatusBadge status={added.status} />
                </td>
                <td>Only in the later run.</td>
              </tr>
            ))}
            {comparison.removed.map((removed) => (
              <tr key={`removed-${removed.id}`} data-check-id={removed.id}>
                <th scope="row">
                  <code>{removed.id}</code>
                </th>
                <td>
                  <StatusBadge status={removed.status} />
                </td>
                <td>Not run</td>
                <td>Only in the earlier run.</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function HistoryPanel({ id, history, onShow }: { id: string; history: History; onShow: (reportId: string) => void }): ReactElement {
  const newestFirst = [...history].reverse();
  const [before, setBefore] = useState(newestFirst[1]?.reportId ?? '');
  const [after, setAfter] = useState(newestFirst[0]?.reportId ?? '');
  const [comparison, setComparison] = useState<{ value: Comparison; before: History[number]; after: History[number] } | undefined>(undefined);
  const [error, setError] = useState<ErrorPayload | undefined>(undefined);

  // A new run becomes the "after" side and the previous newest the "before" side.
  useEffect(() => {
    setAfter(newestFirst[0]?.reportId ?? '');
    setBefore(newestFirst[1]?.reportId ?? '');
    // Only when a run is added, not on every render (newestFirst is a new array each time).
  }, [history.length]);

  const compare = async () => {
    const b = history.find((run) => run.reportId === before);
    const a = history.find((run) => run.reportId === after);
    if (!b || !a) return;
    const result = await call('compareChecks', { id, before, after });
    if (result.ok) {
      setError(undefined);
      setComparison({ value: result.value, before: b, after: a });
    } else setError(result.error);
  };

  if (history.length === 0) return <p className="muted">No runs yet. Each run is kept here so you can compare it with the next.</p>;
  return (
    <>
      <table className="data-table history-table">
        <caption className="visually-hidden">Past checks, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Verdict</th>
            <th scope="col">Checks</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((run) => (
            <tr key={run.reportId} data-report-id={run.reportId}>
              <td>{formatDateTime(run.startedAt)}</td>
              <td>
                <VerdictBadge verdict={run.verdict} />
              </td>
              <td>
                {run.counts.fail} failed, {run.counts.warn} warnings, {run.counts.pass} passed
              </td>
              <td>
                <button type="button" className="link-button" onClick={() => onShow(run.reportId)}>
                  Show report<span className="visually-hidden"> of {formatDateTime(run.startedAt)}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {history.length >= 2 && (
        <div className="compare-form">
          <h4>Compare two runs</h4>
          <div className="action-row">
            <label htmlFor="compare-before" className="inline-label">
              Before
            </label>
            <select id="compare-before" value={before} onChange={(event) => setBefore(event.target.value)}>
              {newestFirst.map((run) => (
                <option key={run.reportId} value={run.reportId}>
                  {runLabel(run)}
                </option>
              ))}
            </select>
            <label htmlFor="compare-after" className="inline-label">
              After
            </label>
            <select id="compare-after" value={after} onChange={(event) => setAfter(event.target.value)}>
              {newestFirst.map((run) => (
                <option key={run.reportId} value={run.reportId}>
                  {runLabel(run)}
                </option>
              ))}
            </select>
            <button type="button" className="button button-secondary" disabled={before === after} onClick={() => void compare()}>
              Compare
            </button>
          </div>
          {error !== undefined && <ActionStatus outcome={{ kind: 'error', error }} />}
          {comparison !== undefined && <ComparisonView comparison={comparison.value} before={comparison.before} after={comparison.after} />}
        </div>
      )}
    </>
  );
}

/** The "jwks_uri check" step of a registration. */
export function RegistrationCheck({ id, jwksUri, keySource, providerName }: { id: string; jwksUri: string; keySource: 'jwks_uri' | 'pem' | undefined; providerName: string }): ReactElement {
  const history = useOperation('checkHistory', { id });
  const { state, run, show } = useCheckRun();
  const [caPem, setCaPem] = useState('');
  const [showError, setShowError] = useState<ErrorPayload | undefined>(undefined);
  const keysHref = hrefFor({ name: 'registration', id, step: 'keys' });

  if (keySource === 'pem') {
    return (
      <div className="notice notice-info">
        <Icon name="info" className="notice-icon" />
        <div>
          <p className="notice-title">{providerName} takes your public key as a PEM file, so there is no jwks_uri to check.</p>
          <p>
            Copy or save the public PEM on the <a href={keysHref}>Keys &amp; authentication</a> step and send it with your request.
          </p>
        </div>
      </div>
    );
  }

  const start = async () => {
    await run({ registrationId: id, ...(caPem.trim() !== '' && { caPem }) });
    // runCheck invalidated checkHistory: the list refreshes by itself.
  };
  const showReport = async (reportId: string) => {
    const result = await call('checkReport', { id, reportId });
    if (result.ok) {
      setShowError(undefined);
      show(result.value);
    } else setShowError(result.error);
  };

  return (
    <div className="registration-check">
      <p>
        Fetches your jwks_uri the way {providerName} will, checks that the keys you generated here are published, and signs a test token with your
        active key to prove the round trip.
      </p>
      {jwksUri === '' ? (
        <div className="notice notice-warning">
          <Icon name="warning" className="notice-icon" />
          <div>
            <p className="notice-title">There is no jwks_uri yet.</p>
            <p>
              Enter it on the <a href={keysHref}>Keys &amp; authentication</a> step first.
            </p>
          </div>
        </div>
      ) : (
        <dl className="facts">
          <dt>jwks_uri</dt>
          <dd>
            <code>{jwksUri}</code>
          </dd>
        </dl>
      )}
      <details className="advanced">
        <summary>Extra trusted CA (optional)</summary>
        <div className="field">
          <label htmlFor="registration-check-ca">CA certificates (PEM)</label>
          <p className="field-help" id="registration-check-ca-help">
            For corporate or test CAs that your system does not trust.
          </p>
          <textarea id="registration-check-ca" rows={4} spellCheck={false} aria-describedby="registration-check-ca-help" value={caPem} onChange={(event) => setCaPem(event.target.value)} />
        </div>
      </details>
      <div className="form-actions">
        <button type="button" className="button button-primary" disabled={jwksUri === '' || state.status === 'running'} onClick={() => void start()}>
          <Icon name="shield" size={18} />
          {state.status === 'running' ? 'Checking…' : 'Run check'}
        </button>
      </div>
      {showError !== undefined && <ActionStatus outcome={{ kind: 'error', error: showError }} />}
      <CheckRunView state={state} />

      <section className="check-history" aria-labelledby="history-heading">
        <h3 id="history-heading">History</h3>
        {history.state.status === 'loading' && <p role="status">Loading history…</p>}
        {history.state.status === 'error' && <ActionStatus outcome={{ kind: 'error', error: history.state.error }} />}
        {history.state.status === 'ok' && <HistoryPanel id={id} history={history.state.value} onShow={(reportId) => void showReport(reportId)} />}
      </section>
    </div>
  );
}
