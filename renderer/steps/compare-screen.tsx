/**
 * "Compare with another environment": two registrations of one application side by side, value by
 * value, with what must differ (the key pair; test hosts in live) and what NHS expects to match
 * (CIS2: production replicates INT). The judging is core/registration/compare.ts.
 */
import type { ReactElement } from 'react';
import type { CompareReport, CompareRow } from '../../contract/schemas/compare';
import { ErrorNotice } from '../components/error-notice';
import { ExternalLink } from '../components/external-link';
import { Icon, type IconName } from '../components/icons';
import { useOperation } from '../hooks/use-operation';
import { hrefFor, navigate } from '../hooks/use-route';
import { clientNameForDisplay } from '../wizard/metadata';

const SEVERITY: Record<CompareReport['findings'][number]['severity'], { icon: IconName; word: string }> = {
  error: { icon: 'error', word: 'Error' },
  warning: { icon: 'warning', word: 'Warning' },
  info: { icon: 'info', word: 'Note' },
};

const EXPECTATION: Record<CompareRow['expectation'], string> = {
  'must-differ': 'must differ',
  'should-match': 'should match',
  'may-differ': '',
};

function show(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.length === 0 ? '(none)' : value.join('\n');
  return JSON.stringify(value);
}

function Report({ report }: { report: CompareReport }): ReactElement {
  const verdict = report.verdict;
  return (
    <section aria-labelledby="compare-result-heading" data-testid="compare-report">
      <h2 id="compare-result-heading">
        {report.a.environmentName} and {report.b.environmentName}
      </h2>
      <div className={`notice ${verdict === 'fail' ? 'notice-error' : verdict === 'warn' ? 'notice-warning' : 'notice-success'}`} data-testid="compare-verdict">
        <Icon name={verdict === 'fail' ? 'error' : verdict === 'warn' ? 'warning' : 'check'} className="notice-icon" />
        <p className="notice-title">
          {verdict === 'fail' ? 'Something must change before going further.' : verdict === 'warn' ? 'Fine to proceed, but check the warnings.' : 'Nothing to fix between these environments.'}
        </p>
      </div>
      {report.findings.length > 0 && (
        <ul className="findings" data-testid="compare-findings">
          {report.findings.map((f, i) => (
            <li key={i} className={`finding finding-${f.severity}`} data-finding-code={f.code}>
              <Icon name={SEVERITY[f.severity].icon} className="finding-icon" />
              <div className="finding-text">
                <p className="finding-message">
                  <strong>{SEVERITY[f.severity].word}:</strong> <code className="finding-code">{f.code}</code> {f.message}
                </p>
                {f.source && (
                  <p className="finding-source">
                    Source: <ExternalLink url={f.source.url}>{f.source.title}</ExternalLink>
                  </p>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <table className="data-table compare-table" data-testid="compare-table">
        <caption className="visually-hidden">Values of both registrations</caption>
        <thead>
          <tr>
            <th scope="col">Value</th>
            <th scope="col">{report.a.environmentName}</th>
            <th scope="col">{report.b.environmentName}</th>
            <th scope="col">Expected</th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row) => (
            <tr
              key={row.member}
              className={row.expectation === 'must-differ' && row.same && show(row.a) !== '(none)' ? 'compare-conflict' : row.same ? undefined : 'compare-differs'}
              data-member={row.member}
              data-same={row.same ? 'yes' : 'no'}
            >
              <th scope="row">
                <code>{row.member}</code>
                {!row.same && <span className="visually-hidden"> (differs)</span>}
              </th>
              <td>
                <code>{show(row.a)}</code>
              </td>
              <td>
                <code>{show(row.b)}</code>
              </td>
              <td>
                {EXPECTATION[row.expectation]}
                {row.expectation === 'must-differ' && row.same && show(row.a) !== '(none)' && <strong> — the same in both</strong>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Comparison({ a, b }: { a: string; b: string }): ReactElement {
  const report = useOperation('compareRegistrations', { a, b });
  if (report.state.status === 'loading') return <p role="status">Comparing…</p>;
  if (report.state.status === 'error') return <ErrorNotice error={report.state.error} />;
  return <Report report={report.state.value} />;
}

/** The Compare screen of registration `id`, against `other` once chosen. */
export function CompareScreen({ id, other }: { id: string; other?: string | undefined }): ReactElement {
  const registration = useOperation('getRegistration', { id });
  const all = useOperation('listRegistrations');
  if (registration.state.status === 'error') return <ErrorNotice error={registration.state.error} />;
  if (registration.state.status === 'loading' || all.state.status === 'loading') return <p role="status">Loading…</p>;
  const detail = registration.state.value;
  const name = clientNameForDisplay(detail.registration.metadata) || id;
  const candidates = all.state.status === 'ok' ? all.state.value.filter((s) => s.registration.id !== id && s.registration.provider === detail.registration.provider) : [];
  return (
    <>
      <p className="breadcrumb">
        <a href={hrefFor({ name: 'registrations' })}>Registrations</a> › <a href={hrefFor({ name: 'registration', id, step: 'basics' })}>{name}</a>
      </p>
      <h1 tabIndex={-1}>Compare with another environment</h1>
      <p className="page-subtitle">
        {detail.providerName} · {detail.environmentName}
      </p>
      <section className="card">
        {candidates.length === 0 ? (
          <p>
            There is no other {detail.providerName} registration to compare with. Use <strong>Copy to another environment</strong> on the registration first.
          </p>
        ) : (
          <div className="compare-select">
            <div className="field">
              <label htmlFor="compare-other">Compare {detail.environmentName} with</label>
              <select id="compare-other" value={other ?? ''} onChange={(event) => event.target.value !== '' && navigate({ name: 'compare', id, other: event.target.value })}>
                <option value="">Choose a registration…</option>
                {candidates.map((s) => (
                  <option key={s.registration.id} value={s.registration.id}>
                    {clientNameForDisplay(s.registration.metadata) || s.registration.id} — {s.environmentName}
                  </option>
                ))}
              </select>
            </div>
          </div>
        )}
        {other !== undefined && <Comparison a={id} b={other} />}
      </section>
    </>
  );
}
