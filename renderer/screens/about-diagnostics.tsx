/** About & Diagnostics: saving a redacted diagnostics bundle to send to support. */
import type { ReactElement } from 'react';
import { ErrorNotice } from '../components/error-notice';
import { SavedZipNotice } from '../components/saved-zip-notice';
import { useAction } from '../hooks/use-operation';

/** The "Save diagnostics bundle…" card. */
export function DiagnosticsBundle(): ReactElement {
  const { run: save, busy, value: saved, error } = useAction('saveDiagnostics');
  return (
    <section className="card" aria-labelledby="about-diagnostics">
      <h2 id="about-diagnostics">Diagnostics bundle</h2>
      <p>
        A zip file for support with versions, settings, registration values, check results and recent errors; it contains no private keys, client
        secrets or passphrases.
      </p>
      <div className="action-row">
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => save({})}>
          {busy ? 'Saving…' : 'Save diagnostics bundle…'}
        </button>
      </div>
      <div aria-live="polite">
        {saved !== undefined && !saved.saved && <p className="action-info">Not saved: the save dialog was cancelled.</p>}
        {saved?.saved === true && (
          <SavedZipNotice testId="diagnostics" title="Diagnostics bundle saved." path={saved.path ?? ''} sha256={saved.sha256 ?? ''} entries={saved.entries ?? []} />
        )}
      </div>
      {error !== undefined && <ErrorNotice error={error} />}
    </section>
  );
}
