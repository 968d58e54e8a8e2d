/**
 * Error boundaries: an exception while rendering shows a readable message and a way back instead
 * of a blank window. One wraps each screen (reset when the route changes, so moving away
 * recovers) and one wraps the whole app (for a failure in the frame itself).
 */
import { Component, type ErrorInfo, type ReactElement, type ReactNode } from 'react';
import { Icon } from './icons';

interface Props {
  /** 'screen': a way back to Registrations and Try again; 'app': reload the window. */
  level: 'screen' | 'app';
  children: ReactNode;
}

interface State {
  error: Error | undefined;
}

/** Catches render errors below it and shows what happened with a way back. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept in the window's console for a support request; never sent anywhere.
    console.error('OIDC Onboard: a screen failed to render.', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === undefined) return this.props.children;
    return <ErrorFallback level={this.props.level} error={error} onRetry={() => this.setState({ error: undefined })} />;
  }
}

function ErrorFallback({ level, error, onRetry }: { level: Props['level']; error: Error; onRetry: () => void }): ReactElement {
  return (
    <div className={level === 'app' ? 'error-boundary error-boundary-app' : 'error-boundary'} role="alert" data-testid="error-boundary" data-level={level}>
      <div className="notice notice-error">
        <Icon name="error" className="notice-icon" />
        <div>
          <h1 className="notice-title" tabIndex={-1}>
            {level === 'app' ? 'OIDC Onboard could not show this window.' : 'This screen could not be shown.'}
          </h1>
          <p>Your saved registrations, keys and credentials are not affected. {level === 'app' ? 'Reload the window to carry on.' : 'Try again, or go back to Registrations.'}</p>
          <p className="notice-detail">What went wrong: {error.message || error.name}</p>
          <p className="muted">If it happens again, send the diagnostics from About &amp; Diagnostics with a support request.</p>
          <div className="notice-actions">
            {level === 'screen' ? (
              <>
                <a className="button button-primary" href="#/registrations" onClick={onRetry}>
                  Go to Registrations
                </a>
                <button type="button" className="button button-secondary" onClick={onRetry}>
                  Try again
                </button>
              </>
            ) : (
              <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
                Reload the window
              </button>
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
