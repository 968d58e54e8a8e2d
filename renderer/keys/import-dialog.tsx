/**
 * Import an existing private key into custody. The text is read in the page (strict UTF-8: a
 * damaged file is refused with the offset of its first bad byte, never silently "repaired"),
 * sent once to the main process, and dropped from the page when the dialog closes.
 */
import { useId, useState, type ReactElement } from 'react';
import { isAppError, type ErrorPayload } from '../../contract/errors';
import { decodeUtf8 } from '../../contract/text/utf8';
import { Dialog } from '../components/dialog';
import { ErrorNotice } from '../components/error-notice';
import { call } from '../hooks/use-operation';

const MAX_INPUT = 100_000;

/** The dialog; `onImported` gets the new key's kid. */
export function ImportKeyDialog({ id, open, onClose, onImported }: { id: string; open: boolean; onClose: () => void; onImported: (kid: string, warnings: string[]) => void }): ReactElement {
  const [input, setInput] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorPayload | undefined>(undefined);
  const base = useId();

  const close = () => {
    setInput('');
    setPassphrase('');
    setError(undefined);
    onClose();
  };
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_INPUT) {
      setError({ code: 'INPUT_UNREADABLE', message: 'That file is too large to be a key.' });
      return;
    }
    try {
      setInput(decodeUtf8(new Uint8Array(await file.arrayBuffer()), `The file ${file.name}`));
    } catch (error) {
      if (!isAppError(error)) throw error;
      setError(error.toPayload());
    }
  };
  const importKey = async () => {
    setBusy(true);
    const result = await call('importKey', { id, input, ...(passphrase !== '' && { passphrase }) });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setInput('');
    setPassphrase('');
    setError(undefined);
    onImported(result.value.record.kid, result.value.warnings);
  };

  return (
    <Dialog
      open={open}
      title="Import a key"
      onClose={close}
      actions={
        <>
          <button type="button" className="button button-primary" disabled={busy || input.trim() === ''} onClick={() => void importKey()}>
            {busy ? 'Importing…' : 'Import key'}
          </button>
          <button type="button" className="button button-secondary" onClick={close}>
            Cancel
          </button>
        </>
      }
    >
      <p>Use a key pair you already have. It is stored like a generated one: the private key in your OS keychain.</p>
      <div className="field">
        <label htmlFor={`${base}-file`}>Key file</label>
        <input id={`${base}-file`} type="file" accept=".pem,.key,.json,.jwk,text/plain,application/json" onChange={(event) => void readFile(event.target.files?.[0])} />
      </div>
      <div className="field">
        <label htmlFor={`${base}-text`}>Or paste the private key</label>
        <p className="field-help" id={`${base}-help`}>
          PEM (PKCS#1, PKCS#8 or encrypted PKCS#8) or a private JWK.
        </p>
        <textarea id={`${base}-text`} rows={6} spellCheck={false} autoComplete="off" aria-describedby={`${base}-help`} value={input} maxLength={MAX_INPUT} onChange={(event) => setInput(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${base}-passphrase`}>Passphrase (only for an encrypted key)</label>
        <input id={`${base}-passphrase`} type="password" autoComplete="off" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} />
      </div>
      {error !== undefined && <ErrorNotice error={error} />}
    </Dialog>
  );
}
