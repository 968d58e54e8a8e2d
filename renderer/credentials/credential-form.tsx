/**
 * The form for the Client ID and secret a provider issued. The secret is a password field and is
 * only ever sent to the main process (which puts it in the keychain); on any error, everything the
 * user typed stays in the form so nothing has to be typed twice.
 */
import { useState, type ReactElement } from 'react';
import type { ErrorPayload } from '../../contract/errors';
import { Dialog } from '../components/dialog';
import { ErrorNotice } from '../components/error-notice';
import { call, type ValueFor } from '../hooks/use-operation';

/** What a successful save answers with. */
export type SavedCredentials = ValueFor<'saveCredentials'>;

/** Today as YYYY-MM-DD in the user's time zone (the default "date received"). */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Save (or, with `replacing`, replace after a confirmation) the credentials of registration `id`. */
export function CredentialForm({
  id,
  replacing,
  onSaved,
  onCancel,
}: {
  id: string;
  replacing: { clientId: string } | undefined;
  onSaved: (saved: SavedCredentials) => void;
  onCancel?: () => void;
}): ReactElement {
  const [clientId, setClientId] = useState('');
  const [secret, setSecret] = useState('');
  const [receivedAt, setReceivedAt] = useState(today());
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorPayload | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [missing, setMissing] = useState<{ clientId: boolean; secret: boolean }>({ clientId: false, secret: false });

  const save = async (replace: boolean) => {
    setConfirming(false);
    setBusy(true);
    setError(undefined);
    const result = await call('saveCredentials', {
      id,
      clientId: clientId.trim(),
      secret,
      notes,
      ...(receivedAt !== '' && { receivedAt }),
      ...(replace && { replace: true }),
    });
    setBusy(false);
    if (result.ok) {
      setSecret('');
      onSaved(result.value);
    } else setError(result.error);
  };

  const submit = () => {
    const now = { clientId: clientId.trim() === '', secret: secret === '' };
    setMissing(now);
    if (now.clientId || now.secret) return;
    if (replacing) setConfirming(true);
    else void save(false);
  };

  return (
    <form
      className="form credential-form"
      aria-labelledby="credential-form-heading"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h3 id="credential-form-heading">{replacing ? 'Replace the credentials' : 'Store the credentials the provider issued'}</h3>
      <div className="field">
        <label htmlFor="credential-client-id">Client ID</label>
        <input
          id="credential-client-id"
          type="text"
          spellCheck={false}
          autoComplete="off"
          value={clientId}
          aria-invalid={missing.clientId ? true : undefined}
          aria-describedby={missing.clientId ? 'credential-client-id-error' : undefined}
          onChange={(event) => setClientId(event.target.value)}
        />
        {missing.clientId && (
          <p className="field-error" id="credential-client-id-error">
            Enter the Client ID the provider gave you.
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="credential-secret">Client secret</label>
        <p className="field-help" id="credential-secret-help">
          Goes straight to your system keychain; it is never written to a file.
        </p>
        <input
          id="credential-secret"
          type="password"
          autoComplete="off"
          value={secret}
          aria-invalid={missing.secret ? true : undefined}
          aria-describedby={missing.secret ? 'credential-secret-help credential-secret-error' : 'credential-secret-help'}
          onChange={(event) => setSecret(event.target.value)}
        />
        {missing.secret && (
          <p className="field-error" id="credential-secret-error">
            Enter the client secret the provider gave you.
          </p>
        )}
      </div>
      <div className="field field-date">
        <label htmlFor="credential-received">Date received</label>
        <input id="credential-received" type="date" value={receivedAt} onChange={(event) => setReceivedAt(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="credential-notes">Notes (optional)</label>
        <textarea id="credential-notes" rows={3} value={notes} onChange={(event) => setNotes(event.target.value)} placeholder="Who sent them, the ticket number…" />
      </div>
      {error !== undefined && (
        <ErrorNotice error={error}>
          {error.code === 'KEYCHAIN_UNAVAILABLE' && <p>What you typed is still in the form; save again once the keychain is unlocked.</p>}
        </ErrorNotice>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : replacing ? 'Replace credentials…' : 'Save credentials'}
        </button>
        {onCancel !== undefined && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <Dialog
        open={confirming}
        title="Replace the stored credentials?"
        onClose={() => setConfirming(false)}
        actions={
          <>
            <button type="button" className="button button-danger" onClick={() => void save(true)}>
              Replace
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)} data-autofocus>
              Cancel
            </button>
          </>
        }
      >
        <p>
          The Client ID <code>{replacing?.clientId}</code> and its secret are replaced by what you entered; the old secret is removed from the keychain.
        </p>
      </Dialog>
    </form>
  );
}
