/** Shows an operation's error with the user-facing text from the one table, and the detail. */
import type { ReactElement, ReactNode } from 'react';
import type { ErrorPayload } from '../../contract/errors';
import { describeError, withoutRuntimeAdvice } from '../error-messages';
import { Icon } from './icons';

/** An error box: what happened, what to do, the app's own message and code for support. */
export function ErrorNotice({ error, children }: { error: ErrorPayload; children?: ReactNode }): ReactElement {
  const text = describeError(error);
  return (
    <div className="notice notice-error" role="alert">
      <Icon name="error" className="notice-icon" />
      <div>
        <p className="notice-title">{text.title}</p>
        <p>{text.action}</p>
        {error.message !== text.title && <p className="notice-detail">{withoutRuntimeAdvice(error.message)}</p>}
        <p className="notice-code">Code: {error.code}</p>
        {children}
      </div>
    </div>
  );
}
