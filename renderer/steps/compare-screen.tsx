/**
 * "Compare with another environment": two registrations of one application side by side, value by
 * value, with what must differ (the key pair; test hosts in live) and what NHS expects to match
 * (CIS2: production replicates INT). The judging is core/registration/compare.ts.
 */
import type { ReactElement } from 'react';
import type { CompareFinding, CompareReport, CompareRow } from '../../contract/schemas/compare';
import type { Finding } from '../../contract/schemas/findings';
import { escapeForDisplay } from '../../contract/text/display';
import { Breakable } from '../components/breakable';
import { ErrorNotice } from '../components/error-notice';
import { FindingItem } from '../components/findings';
import { Icon } from '../components/icons';
import { useOperation } from '../hooks/use-operation';
import { hrefFor, navigate } from '../hooks/use-route';
import { clientNameForDisplay } from '../wizard/metadata';

const EXPECTATION: Record<CompareRow['expectation'], string> = {
  'must-differ': 'must differ',
  'should-match': 'should match',
  'may-differ': '',
};

function show(value: unknown): string {
  if (value === undefined) return '(not set)';
  if (typeof value === 'string') return escapeForDisplay(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.length === 0 ? '(none)' : value.map((v) => escapeForDisplay(v)).join('\n');
  return escapeForDisplay(JSON.stringify(value));
}

/** A pair finding in the shape the shared finding list shows (its member is the path; no hint). */
function asFinding(finding: CompareFinding): Finding {
  return { code: finding.code, severity: finding.severity, path: finding.member ?? '', message: finding.message, hint: '', source: finding.source ?? { title: '', url: '' } };
}

/** One value cell: each line (a list member) its own line, breaking after separators. */
function ValueCell({ value, environment }: { value: unknown; environment: string }): ReactElement {
  const lines = show(value).split('\n');
  return (
    <td data-label={environment}>
      {lines.map((line, index) => (
        <code key={index} className="compare-value">
          <Breakable text={line} />
        </code>
      ))}
    </td>
  );
}

function conflict(row: CompareRow): boolean {
  return row.expectation === 'must-differ' && row.same && show(row.a) !== '(none)';
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
            <FindingItem key={`${f.code}-${i}`} finding={asFinding(f)} showCode />
          ))}
        </ul>
      )}
      {/* A container: under a narrow width the rows stack (styles.css), whatever the window. */}
      <div className="compare-table-frame">
        <table className="data-table compare-table" data-testid="compare-table">
          <caption className="visually-hidden">Values of both registrations</caption>
          <colgroup>
            <col className="compare-col-member" />
            <col className="compare-col-value" />
            <col className="compare-col-value" />
            <col className="compare-col-expected" />
          </colgroup>
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
              <tr key={row.member} className={conflict(row) ? 'compare-conflict' : row.same ? undefined : 'compare-differs'} data-member={row.member} data-same={row.same ? 'yes' : 'no'}>
                <th scope="row">
                  <code>
                    <Breakable text={row.member} />
                  </code>
                  {!row.same && <span className="visually-hidden"> (differs)</span>}
                </th>
                <ValueCell value={row.a} environment={report.a.environmentName} />
                <ValueCell value={row.b} environment={report.b.environmentName} />
                <td data-label="Expected" className={EXPECTATION[row.expectation] === '' && !conflict(row) ? 'compare-expected-none' : undefined}>
                  {EXPECTATION[row.expectation]}
                  {conflict(row) && <strong> — the same in both</strong>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
  // The list already carries every name, provider and environment shown here: one read, not two.
  const all = useOperation('listRegistrations');
  if (all.state.status === 'loading') return <p role="status">Loading…</p>;
  if (all.state.status === 'error') return <ErrorNotice error={all.state.error} />;
  const summaries = all.state.value;
  const detail = summaries.find((s) => s.registration.id === id);
  if (detail === undefined) {
    return (
      <ErrorNotice error={{ code: 'NOT_FOUND', message: `No registration "${id}".` }}>
        <a className="button button-secondary" href={hrefFor({ name: 'registrations' })}>
          Show all registrations
        </a>
      </ErrorNotice>
    );
  }
  const name = clientNameForDisplay(detail.registration.metadata) || id;
  const candidates = summaries.filter((s) => s.registration.id !== id && s.registration.provider === detail.registration.provider);
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
