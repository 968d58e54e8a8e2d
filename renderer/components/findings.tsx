/** How a validation finding is shown: severity icon and word, message, hint and its source. */
import type { ReactElement } from 'react';
import type { Finding } from '../../contract/schemas/findings';
import { ExternalLink } from './external-link';
import { Icon, type IconName } from './icons';

const SEVERITY: Record<Finding['severity'], { icon: IconName; word: string }> = {
  error: { icon: 'error', word: 'Error' },
  warning: { icon: 'warning', word: 'Warning' },
  info: { icon: 'info', word: 'Note' },
};

/** One finding. */
export function FindingItem({ finding, showPath = false, showCode = false }: { finding: Finding; showPath?: boolean; showCode?: boolean }): ReactElement {
  const severity = SEVERITY[finding.severity];
  return (
    <li className={`finding finding-${finding.severity}`} data-finding-code={finding.code} data-finding-path={finding.path}>
      <Icon name={severity.icon} className="finding-icon" />
      <div className="finding-text">
        <p className="finding-message">
          <strong>{severity.word}:</strong>{' '}
          {showCode && (
            <>
              <code className="finding-code">{finding.code}</code>{' '}
            </>
          )}
          {finding.message}
          {showPath && finding.path !== '' && (
            <>
              {' '}
              <code className="finding-path">{finding.path}</code>
            </>
          )}
        </p>
        {finding.hint !== '' && <p className="finding-hint">{finding.hint}</p>}
        {finding.source.url !== '' && (
          <p className="finding-source">
            Source: <ExternalLink url={finding.source.url}>{finding.source.title}</ExternalLink>
          </p>
        )}
      </div>
    </li>
  );
}

/** The findings about one field, announced with it (`id` is referenced by the field's aria-describedby). */
export function FieldFindings({ id, findings }: { id: string; findings: readonly Finding[] }): ReactElement | null {
  if (findings.length === 0) return null;
  return (
    <ul className="findings field-findings" id={id}>
      {findings.map((finding, index) => (
        <FindingItem key={`${finding.code}-${index}`} finding={finding} />
      ))}
    </ul>
  );
}

/** Errors first, then warnings, then notes. */
export function bySeverity(findings: readonly Finding[]): Record<Finding['severity'], Finding[]> {
  return {
    error: findings.filter((f) => f.severity === 'error'),
    warning: findings.filter((f) => f.severity === 'warning'),
    info: findings.filter((f) => f.severity === 'info'),
  };
}

/** Plain warning messages (not rule findings) shown in the findings style. */
export function WarningList({ warnings, testId }: { warnings: readonly string[]; testId?: string }): ReactElement {
  return (
    <ul className="findings" {...(testId !== undefined && { 'data-testid': testId })}>
      {warnings.map((warning, index) => (
        <li key={index} className="finding finding-warning">
          <Icon name="warning" className="finding-icon" />
          <div className="finding-text">
            <p className="finding-message">
              <strong>Warning:</strong> {warning}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
