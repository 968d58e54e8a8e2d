/**
 * "Check this endpoint" beside the back-channel logout URL: the same URL, DNS, public
 * reachability and TLS checks as the jwks_uri tester (run in the main process), because the
 * provider calls this endpoint over the internet too.
 */
import type { ReactElement } from 'react';
import { StatusBadge } from '../checks/check-results';
import { ErrorNotice } from '../components/error-notice';
import { Icon } from '../components/icons';
import { useAction, type ValueFor } from '../hooks/use-operation';

type Report = ValueFor<'checkEndpoint'>['report'];

const VERDICT: Record<Report['verdict'], { tone: string; text: string }> = {
  pass: { tone: 'success', text: 'The provider should be able to reach this endpoint.' },
  warn: { tone: 'warning', text: 'Reachable, but read the warnings below before you rely on it.' },
  fail: { tone: 'error', text: 'The provider could not use this endpoint as it is. Fix the failed checks below.' },
};

/** The button and, once run, the checks. `url` is the field's current value. */
export function EndpointCheck({ url, purpose }: { url: string; purpose: string }): ReactElement {
  const { run, busy, value, error } = useAction('checkEndpoint');
  const report = value?.report;
  const checked = report !== undefined && report.url === url.trim() ? report : undefined;
  return (
    <div className="endpoint-check" data-testid="endpoint-check">
      <div className="action-row">
        <button type="button" className="button button-secondary" disabled={busy || url.trim() === ''} onClick={() => run({ url: url.trim(), purpose })}>
          <Icon name="check" size={18} />
          {busy ? 'Checking…' : 'Check this endpoint'}
        </button>
      </div>
      {checked !== undefined && (
        <div className={`notice notice-${VERDICT[checked.verdict].tone}`} data-testid="endpoint-verdict" data-verdict={checked.verdict} role="status">
          <div>
            <p className="notice-title">
              {checked.verdict === 'pass' ? 'Passed' : checked.verdict === 'warn' ? 'Passed with warnings' : 'Failed'}: {VERDICT[checked.verdict].text}
            </p>
            <ul className="endpoint-checks">
              {checked.checks
                .filter((check) => check.status !== 'skip')
                .map((check) => (
                  <li key={check.id} data-check-id={check.id} data-status={check.status}>
                    <StatusBadge status={check.status} /> <strong>{check.title}</strong> — {check.message}
                    {(check.status === 'warn' || check.status === 'fail') && <span className="field-help"> Fix: {check.hint}</span>}
                  </li>
                ))}
            </ul>
          </div>
        </div>
      )}
      {error !== undefined && <ErrorNotice error={error} />}
    </div>
  );
}
