/**
 * A link that opens in the system browser through the main process (`openExternal`), which
 * applies its allow-list. Never a plain `<a target=_blank>`: the renderer must not open windows.
 */
import { useState, type ReactElement, type ReactNode } from 'react';
import { call } from '../hooks/use-operation';
import { describeError } from '../error-messages';
import { Icon } from './icons';

/** A button styled as a link; says so when the link could not be opened. */
export function ExternalLink({ url, children }: { url: string; children: ReactNode }): ReactElement {
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const open = async () => {
    const result = await call('openExternal', { url });
    if (!result.ok) setProblem(`${describeError(result.error).title} ${result.error.message}`);
    else if (!result.value.opened) setProblem('This link is not on the list of sites the app opens. Copy it if you still want to visit it.');
    else setProblem(undefined);
  };
  return (
    <span className="external-link">
      <button type="button" className="link-button" onClick={() => void open()} title={url}>
        {children}
        <Icon name="external" size={14} />
        <span className="visually-hidden"> (opens in your browser)</span>
      </button>
      {problem !== undefined && (
        <span className="external-link-problem" role="status">
          {problem}
        </span>
      )}
    </span>
  );
}
