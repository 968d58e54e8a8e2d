/**
 * The form for what a provider issued. Its fields follow the provider and auth method (profile
 * data `issued`): a Client ID alone for NHS login and CIS2 private_key_jwt, a Client ID and a
 * secret for CIS2's Client Secret pattern, an API key with an optional application id and KID for
 * the NHS England API platform. The secret, where there is one, is a password field and is only
 * ever sent to the main process (which puts it in the keychain); on any error, everything the
 * user typed stays in the form so nothing has to be typed twice.
 */
import { useState, type ReactElement } from 'react';
import type { ErrorPayload } from '../../contract/errors';
import { Dialog } from '../components/dialog';
import { ErrorNotice } from '../components/error-notice';
import { call, type ValueFor } from '../hooks/use-operation';
import type { Profile } from '../types';

/** What a successful save answers with. */
export type SavedCredentials = ValueFor<'saveCredentials'>;

/** What the provider issues for one auth method (profile data). */
export type IssuedFields = Profile['issued'][number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Today as YYYY-MM-DD in the user's time zone (the default "date received"). */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Save (or, with `replacing`, replace after a confirmation) the credentials of registration `id`. */
export function CredentialForm({
  id,
  issued,
  replacing,
  onSaved,
  onCancel,
}: {
  id: string;
  issued: IssuedFields;
  replacing: { clientId: string } | undefined;
  onSaved: (saved: SavedCredentials) => void;
  onCancel?: () => void;
}): ReactElement {
  const [clientId, setClientId] = useState('');
  const [secret, setSecret] = useState('');
  const [applicationId, setApplicationId] = useState('');
  const [kid, setKid] = useState('');
  const [receivedAt, setReceivedAt] = useState(today());
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorPayload | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [missing, setMissing] = useState<{ clientId: boolean; secret: boolean }>({ clientId: false, secret: false });
  const secretIssued = issued.secret === 'issued';
  const label = issued.identifierLabel;
  const isApiKey = label === 'API key';
  const looksLikeAppId = issued.applicationId && UUID.test(clientId.trim());

  const save = async (replace: boolean) => {
    setConfirming(false);
    setBusy(true);
    setError(undefined);
    const result = await call('saveCredentials', {
      id,
      clientId: clientId.trim(),
      ...(secretIssued && { secret }),
      ...(issued.applicationId && applicationId.trim() !== '' && { applicationId: applicationId.trim() }),
      ...(issued.kid && kid.trim() !== '' && { kid: kid.trim() }),
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
    const now = { clientId: clientId.trim() === '', secret: secretIssued && secret === '' };
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
      <p className="field-help" data-testid="credential-issued">
        What the provider issues: {issued.text}
      </p>
      <div className="field">
        <label htmlFor="credential-client-id">{label}</label>
        {isApiKey && (
          <p className="field-help" id="credential-client-id-help">
            Your Developer Hub application&rsquo;s API key: it goes in the assertion&rsquo;s iss and sub.
          </p>
        )}
        <input
          id="credential-client-id"
          type="text"
          spellCheck={false}
          autoComplete="off"
          value={clientId}
          aria-invalid={missing.clientId ? true : undefined}
          aria-describedby={[isApiKey && 'credential-client-id-help', missing.clientId && 'credential-client-id-error', looksLikeAppId && 'credential-client-id-warning'].filter(Boolean).join(' ') || undefined}
          onChange={(event) => setClientId(event.target.value)}
        />
        {missing.clientId && (
          <p className="field-error" id="credential-client-id-error">
            Enter the {label} the provider gave you.
          </p>
        )}
        {looksLikeAppId && (
          <p className="field-warning" id="credential-client-id-warning" role="status" data-testid="api-key-uuid-warning">
            Warning: this looks like a UUID — that is what the application id looks like, not the API key. Enter the application id below and the API key
            here.
          </p>
        )}
      </div>
      {secretIssued && (
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
      )}
      {issued.applicationId && (
        <div className="field">
          <label htmlFor="credential-application-id">Application id (optional)</label>
          <p className="field-help" id="credential-application-id-help">
            The UUID of your application in the Developer Hub. Not the API key; support asks for it.
          </p>
          <input
            id="credential-application-id"
            type="text"
            spellCheck={false}
            autoComplete="off"
            value={applicationId}
            aria-describedby="credential-application-id-help"
            onChange={(event) => setApplicationId(event.target.value)}
          />
        </div>
      )}
      {issued.kid && (
        <div className="field">
          <label htmlFor="credential-kid">KID (optional)</label>
          <p className="field-help" id="credential-kid-help">
            The key id registered with the provider; it goes in the assertion header.
          </p>
          <input id="credential-kid" type="text" spellCheck={false} autoComplete="off" value={kid} aria-describedby="credential-kid-help" onChange={(event) => setKid(event.target.value)} />
        </div>
      )}
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
          The {label} <code>{replacing?.clientId}</code>
          {secretIssued ? ' and its secret are replaced by what you entered; the old secret is removed from the keychain.' : ' is replaced by what you entered.'}
        </p>
      </Dialog>
    </form>
  );
}
