/**
 * A jwks_uri check as people read it: the verdict banner, the failures and warnings, then the passes folded per area; each
 * with a status icon AND word (never colour alone), message, hint, source and evidence. Checks
 * render as they arrive; the banner appears once the run has finished.
 */
import { useState, type ReactElement } from 'react';
import { CHECK_AREAS, type Check, type CheckStatus, type JwksCheckReport, type Verdict } from '../../contract/schemas/jwks-check';
import { ActionStatus, type ActionOutcome } from '../components/action-status';
import { ExternalLink } from '../components/external-link';
import { Icon, type IconName } from '../components/icons';
import { call } from '../hooks/use-operation';
import { AREA_TITLES } from '../../contract/schemas/jwks-check';
import { withoutRuntimeAdvice } from '../error-messages';
import type { CheckRunState } from './use-check-run';

/** Icon, word and tone of each status. */
export const STATUS: Record<CheckStatus, { icon: IconName; word: string; tone: string }> = {
  pass: { icon: 'check', word: 'Pass', tone: 'ok' },
  warn: { icon: 'warning', word: 'Warning', tone: 'warn' },
  fail: { icon: 'error', word: 'Fail', tone: 'error' },
  skip: { icon: 'pending', word: 'Skipped', tone: 'pending' },
};

const VERDICT_TEXT: Record<Verdict, { title: string; text: string }> = {
  pass: { title: 'Passed', text: 'The provider should be able to fetch and use these keys.' },
  warn: { title: 'Passed with warnings', text: 'The provider should be able to fetch and use these keys, but read the warnings below.' },
  fail: { title: 'Failed', text: 'The provider would not accept this jwks_uri. Fix the failed checks below, then run the check again.' },
};

/** Said instead of the above when the keys are sound but the address is not public. */
const NOT_PUBLIC_TEXT = {
  title: 'Keys valid, but not reachable by the provider',
  text: 'The JWK Set itself is sound, but this address is not public: an identity provider on the internet (every NHS service) cannot fetch it, so it cannot use these keys. Publish the JWK Set on a public https host and check that URL.',
};

/**
 * The banner's words. Never "the provider can use these keys" when it cannot reach them: a
 * dns.public that did not pass outweighs the verdict's "passed".
 */
function verdictText(report: Pick<JwksCheckReport, 'verdict' | 'checks'>): { title: string; text: string; reachable: boolean } {
  const dns = report.checks.find((check) => check.id === 'dns.public');
  const reachable = dns === undefined || dns.status === 'pass';
  if (report.verdict !== 'fail' && !reachable) return { ...NOT_PUBLIC_TEXT, reachable };
  return { ...VERDICT_TEXT[report.verdict], reachable };
}

/** A status as a small badge: icon plus word. */
export function StatusBadge({ status }: { status: CheckStatus }): ReactElement {
  const s = STATUS[status];
  return (
    <span className={`badge badge-${s.tone} check-status`}>
      <Icon name={s.icon} size={14} />
      {s.word}
    </span>
  );
}

function counts(checks: readonly Check[]): Record<CheckStatus, number> {
  const result = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const check of checks) result[check.status] += 1;
  return result;
}

/** The overall outcome of a finished report. */
export function VerdictBanner({ report }: { report: JwksCheckReport }): ReactElement {
  const verdict = verdictText(report);
  const c = counts(report.checks);
  const tone = report.verdict === 'pass' ? 'success' : report.verdict === 'warn' ? 'warning' : 'error';
  const icon: IconName = report.verdict === 'pass' ? 'check' : report.verdict === 'warn' ? 'warning' : 'error';
  return (
    <div className={`notice notice-${tone} verdict-banner`} data-testid="verdict" data-verdict={report.verdict} data-reachable={verdict.reachable}>
      <Icon name={icon} className="notice-icon" size={24} />
      <div>
        <p className="notice-title">Verdict: {verdict.title}</p>
        <p>{verdict.text}</p>
        <p className="verdict-counts">
          {c.fail} failed · {c.warn} warnings · {c.pass} passed · {c.skip} skipped — <code>{report.url}</code>
        </p>
      </div>
    </div>
  );
}

function Evidence({ evidence }: { evidence: Record<string, unknown> }): ReactElement {
  return (
    <details className="check-evidence">
      <summary>Evidence</summary>
      <pre>
        <code>{JSON.stringify(evidence, null, 2)}</code>
      </pre>
    </details>
  );
}

function CheckItem({ check, showArea = false }: { check: Check; showArea?: boolean }): ReactElement {
  // Passed and skipped checks stay one line each (details folded), so failures and warnings stand out.
  const quiet = check.status === 'pass' || check.status === 'skip';
  const hasEvidence = check.evidence !== undefined && Object.keys(check.evidence).length > 0;
  const source =
    check.source.url !== '' ? (
      <p className="check-source">
        Source: <ExternalLink url={check.source.url}>{check.source.title}</ExternalLink>
      </p>
    ) : null;
  return (
    <li className={`check-item check-${check.status}`} data-check-id={check.id} data-status={check.status}>
      <div className="check-head">
        <StatusBadge status={check.status} />
        <span className="check-title">{check.title}</span>
        {showArea && <span className="check-area-name">{AREA_TITLES[check.area]}</span>}
        <code className="check-id">{check.id}</code>
      </div>
      <p className="check-message">{withoutRuntimeAdvice(check.message)}</p>
      {quiet ? (
        <details className="check-evidence">
          <summary>
            Details<span className="visually-hidden"> of {check.title}</span>
          </summary>
          {source}
          {hasEvidence && (
            <pre>
              <code>{JSON.stringify(check.evidence, null, 2)}</code>
            </pre>
          )}
        </details>
      ) : (
        <>
          {check.hint !== '' && (
            <p className="check-hint">
              <strong>How to fix:</strong> {check.hint}
            </p>
          )}
          {check.area === 'tls' && check.status === 'fail' && check.id === 'tls.chain' && (
            // In the app the way to trust a private CA is this field, never a runtime flag.
            <p className="check-hint" data-testid="tls-ca-advice">
              Testing a server behind your organisation’s own CA? Paste that CA’s certificate into the <strong>“Extra trusted CA”</strong> field and run the
              check again. The provider must still be able to verify the chain itself.
            </p>
          )}
          {source}
          {hasEvidence && check.evidence !== undefined && <Evidence evidence={check.evidence} />}
        </>
      )}
    </li>
  );
}

const SEVERITY_ORDER: Record<CheckStatus, number> = { fail: 0, warn: 1, pass: 2, skip: 3 };

/**
 * The checks as people need them: failures, then warnings, each open with its hint (a failure is
 * never hidden among passes); then the passed and skipped checks folded per area with a count.
 * Areas with no check yet are left out; within a group the report's order is kept.
 */
export function CheckGroups({ checks }: { checks: readonly Check[] }): ReactElement {
  const attention = checks
    .filter((check) => check.status === 'fail' || check.status === 'warn')
    .map((check, index) => ({ check, index }))
    .sort((a, b) => SEVERITY_ORDER[a.check.status] - SEVERITY_ORDER[b.check.status] || a.index - b.index)
    .map(({ check }) => check);
  const c = counts(checks);
  return (
    <div className="check-groups">
      {attention.length > 0 && (
        <section className="check-attention" aria-labelledby="checks-attention" data-testid="check-attention">
          <h3 id="checks-attention">
            <Icon name={c.fail > 0 ? 'error' : 'warning'} size={18} className={`area-icon tone-${c.fail > 0 ? 'error' : 'warn'}`} />
            Needs attention
            <span className="area-summary">
              {[c.fail > 0 ? `${c.fail} failed` : '', c.warn > 0 ? `${c.warn} with warnings` : ''].filter((part) => part !== '').join(', ')}
            </span>
          </h3>
          <ul className="check-list">
            {attention.map((check) => (
              <CheckItem key={check.id} check={check} showArea />
            ))}
          </ul>
        </section>
      )}
      {CHECK_AREAS.map((area) => {
        const quiet = checks.filter((check) => check.area === area && (check.status === 'pass' || check.status === 'skip'));
        if (quiet.length === 0) return null;
        const q = counts(quiet);
        return (
          <details key={area} className="check-area check-area-folded" data-area={area} data-testid="check-area-passed">
            <summary id={`area-${area}`}>
              <Icon name={q.pass > 0 ? 'check' : 'pending'} size={18} className={`area-icon tone-${q.pass > 0 ? 'ok' : 'pending'}`} />
              <span className="area-title">{AREA_TITLES[area]}</span>
              <span className="area-summary" data-testid="area-count">
                {[q.pass > 0 ? `${q.pass} passed` : '', q.skip > 0 ? `${q.skip} skipped` : ''].filter((part) => part !== '').join(', ')}
              </span>
            </summary>
            <ul className="check-list">
              {quiet.map((check) => (
                <CheckItem key={check.id} check={check} />
              ))}
            </ul>
          </details>
        );
      })}
    </div>
  );
}

/** Copy as Markdown and Save report…, for a finished run. */
export function ReportActions({ report, markdown }: { report: JwksCheckReport; markdown: string }): ReactElement {
  const [format, setFormat] = useState<'html' | 'markdown' | 'json'>('html');
  const [outcome, setOutcome] = useState<ActionOutcome>({ kind: 'none' });
  const copy = async () => {
    const result = await call('copyText', { text: markdown });
    setOutcome(result.ok ? { kind: 'done', text: 'Copied the report as Markdown: paste it into a support ticket or an issue.' } : { kind: 'error', error: result.error });
  };
  const save = async () => {
    const result = await call('saveCheckReport', { report, format });
    if (!result.ok) setOutcome({ kind: 'error', error: result.error });
    else setOutcome(result.value.saved ? { kind: 'done', text: `Saved the report to ${result.value.path ?? 'the chosen file'}.` } : { kind: 'info', text: 'Not saved: no file was chosen.' });
  };
  return (
    <div className="report-actions">
      <div className="action-row">
        <button type="button" className="button button-secondary" onClick={() => void copy()}>
          <Icon name="copy" size={18} />
          Copy as Markdown
        </button>
        <label htmlFor="report-format" className="inline-label">
          Format
        </label>
        <select id="report-format" value={format} onChange={(event) => setFormat(event.target.value as typeof format)}>
          <option value="html">HTML page</option>
          <option value="markdown">Markdown</option>
          <option value="json">JSON (for support staff and scripts)</option>
        </select>
        <button type="button" className="button button-secondary" onClick={() => void save()}>
          Save report…
        </button>
      </div>
      <ActionStatus outcome={outcome} testId="report-action-status" />
    </div>
  );
}

/** Everything a run shows: progress announcement, verdict, actions, grouped checks, error. */
export function CheckRunView({ state }: { state: CheckRunState }): ReactElement | null {
  if (state.status === 'idle') return null;
  const progress =
    state.status === 'running'
      ? `Checking… ${state.checks.length} check${state.checks.length === 1 ? '' : 's'} done so far.`
      : state.status === 'done'
        ? `Check finished: ${state.result.report.verdict === 'fail' ? 'failed' : state.result.report.verdict === 'warn' ? 'passed with warnings' : 'passed'}.`
        : 'The check could not finish.';
  return (
    <div className="check-run" aria-busy={state.status === 'running'}>
      <p role="status" className="check-progress" data-testid="check-progress" data-count={state.checks.length}>
        {state.status === 'running' && <span className="spinner" aria-hidden="true" />}
        {progress}
      </p>
      {state.status === 'done' && (
        <>
          <VerdictBanner report={state.result.report} />
          <ReportActions report={state.result.report} markdown={state.result.markdown} />
        </>
      )}
      {state.status === 'error' && <RunError state={state} />}
      <CheckGroups checks={state.checks} />
    </div>
  );
}

function RunError({ state }: { state: Extract<CheckRunState, { status: 'error' }> }): ReactElement {
  return <ActionStatus outcome={{ kind: 'error', error: state.error }} />;
}
