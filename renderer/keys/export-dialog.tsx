/**
 * Export a private key, encrypted, for the developer's backend. The key is encrypted and written
 * by the main process straight to the file the user picks; nothing private comes back here.
 */
import { useId, useState, type ReactElement } from 'react';
import type { ErrorPayload } from '../../contract/errors';
import { Dialog } from '../components/dialog';
import { ErrorNotice } from '../components/error-notice';
import { call, type ValueFor } from '../hooks/use-operation';
import { PassphraseMeter, usePassphraseRating } from './passphrase-meter';

type Ring = ValueFor<'listKeys'>;
type PrivateFormat = 'pkcs8-encrypted-pem' | 'jwe-private-jwk';

function isPrivateFormat(format: string): format is PrivateFormat {
  return format === 'pkcs8-encrypted-pem' || format === 'jwe-private-jwk';
}

/** The dialog; `onExported` gets the path written. */
export function ExportPrivateKeyDialog({ id, kid, formats, onClose, onExported }: { id: string; kid: string | undefined; formats: Ring['exportFormats']; onClose: () => void; onExported: (path: string) => void }): ReactElement {
  const choices = formats.filter((f) => f.containsPrivateKey && isPrivateFormat(f.format));
  const [format, setFormat] = useState<PrivateFormat>('pkcs8-encrypted-pem');
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorPayload | undefined>(undefined);
  const [cancelled, setCancelled] = useState(false);
  const rating = usePassphraseRating(passphrase);
  const base = useId();
  const mismatch = again !== '' && again !== passphrase;

  const exportKey = async () => {
    if (kid === undefined || !understood || passphrase === '' || passphrase !== again) return;
    setBusy(true);
    setCancelled(false);
    const result = await call('exportPrivateKey', { id, kid, format, passphrase, confirm: true });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(undefined);
    if (result.value.saved) onExported(result.value.path ?? 'the chosen file');
    else setCancelled(true);
  };

  return (
    <Dialog
      open={kid !== undefined}
      title="Export private key"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button button-primary" disabled={busy || !understood || passphrase === '' || passphrase !== again} onClick={() => void exportKey()}>
            {busy ? 'Encrypting…' : 'Export…'}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
        </>
      }
    >
      <p>
        Key <code>{kid}</code>, encrypted with a passphrase, saved to a file you choose for your backend. Give the passphrase to your backend separately.
      </p>
      <fieldset className="choice-group">
        <legend>Format</legend>
        {choices.map((choice) => (
          <label key={choice.format} className="choice">
            <input type="radio" name={`${base}-format`} value={choice.format} checked={format === choice.format} onChange={() => isPrivateFormat(choice.format) && setFormat(choice.format)} />
            <span className="choice-text">
              <span className="choice-title">{choice.title}</span>
              <span className="choice-description">{choice.description}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${base}-passphrase`}>Passphrase</label>
        <input
          id={`${base}-passphrase`}
          type="password"
          autoComplete="new-password"
          aria-describedby={`${base}-meter`}
          value={passphrase}
          onChange={(event) => setPassphrase(event.target.value)}
        />
        <PassphraseMeter id={`${base}-meter`} rating={rating} />
      </div>
      <div className="field">
        <label htmlFor={`${base}-again`}>Passphrase again</label>
        <input
          id={`${base}-again`}
          type="password"
          autoComplete="new-password"
          aria-invalid={mismatch ? true : undefined}
          aria-describedby={mismatch ? `${base}-mismatch` : undefined}
          value={again}
          onChange={(event) => setAgain(event.target.value)}
        />
        {mismatch && (
          <p className="field-error" id={`${base}-mismatch`}>
            The two passphrases differ.
          </p>
        )}
      </div>
      <div className="checkbox-row">
        <input id={`${base}-understood`} type="checkbox" checked={understood} onChange={(event) => setUnderstood(event.target.checked)} />
        <label htmlFor={`${base}-understood`}>
          I understand this file contains my private key: anyone with the file and the passphrase can sign as my application.
        </label>
      </div>
      {cancelled && <p role="status">Not exported: no file was chosen.</p>}
      {error !== undefined && <ErrorNotice error={error} />}
    </Dialog>
  );
}
