/**
 * What a saved zip (a diagnostics bundle, a support pack) reports: where it went, its SHA-256 to
 * quote when sending it, and what is inside. `testId` prefixes the element ids the UI tests use.
 */
import type { ReactElement, ReactNode } from 'react';
import { Icon } from './icons';

export function SavedZipNotice(props: { testId: string; title: string; path: string; sha256: string; entries: readonly string[]; children?: ReactNode }): ReactElement {
  const { testId } = props;
  return (
    <div className="notice notice-success" data-testid={`${testId}-result`}>
      <Icon name="check" className="notice-icon" />
      <div>
        <p className="notice-title">{props.title}</p>
        <dl className="facts">
          <dt>File</dt>
          <dd>
            <code data-testid={`${testId}-path`}>{props.path}</code>
          </dd>
          <dt>SHA-256</dt>
          <dd>
            <code className="sha256" data-testid={`${testId}-sha256`}>
              {props.sha256}
            </code>
          </dd>
          {props.children}
          <dt>Contents</dt>
          <dd>
            <ul className="diagnostics-entries" data-testid={`${testId}-entries`}>
              {props.entries.map((entry) => (
                <li key={entry}>
                  <code>{entry}</code>
                </li>
              ))}
            </ul>
          </dd>
        </dl>
      </div>
    </div>
  );
}
