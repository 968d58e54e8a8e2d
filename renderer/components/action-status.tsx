/** A short polite announcement after an action ("Copied", "Saved to …"), or its error. */
import type { ReactElement } from 'react';
import type { ErrorPayload } from '../../contract/errors';
import { ErrorNotice } from './error-notice';
import { Icon } from './icons';

/** What the last action did. */
export type ActionOutcome = { kind: 'none' } | { kind: 'done'; text: string } | { kind: 'info'; text: string } | { kind: 'error'; error: ErrorPayload };

/** Renders an outcome; the live region exists from the start so screen readers hear changes. */
export function ActionStatus({ outcome, testId }: { outcome: ActionOutcome; testId?: string }): ReactElement {
  return (
    <div className="action-status" data-testid={testId}>
      <p role="status" className={outcome.kind === 'done' ? 'action-done' : 'action-info'}>
        {outcome.kind === 'done' && <Icon name="check" size={16} />}
        {outcome.kind === 'done' || outcome.kind === 'info' ? outcome.text : ''}
      </p>
      {outcome.kind === 'error' && <ErrorNotice error={outcome.error} />}
    </div>
  );
}
