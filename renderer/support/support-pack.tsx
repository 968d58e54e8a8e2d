/**
 * The support pack in the app: a "Support pack…" button on a registration (a dialog) and a card
 * on About & Diagnostics (choose the registration). The main process builds, scans and saves the
 * zip; the window only asks for it and shows what was written.
 */
import { useId, useState, type ReactElement } from 'react';
import { Dialog } from '../components/dialog';
import { ErrorNotice } from '../components/error-notice';
import { Icon } from '../components/icons';
import { SavedZipNotice } from '../components/saved-zip-notice';
import { useAction, useOperation } from '../hooks/use-operation';
import { clientNameForDisplay } from '../wizard/metadata';
import { ASSERTION_SOURCE_TEXT } from '../../contract/operations/support';



/** What the pack holds, in the words support uses. */
function WhatItHolds({ apiPlatform }: { apiPlatform: boolean }): ReactElement {
  return (
    <p>
      {apiPlatform
        ? 'What NHS API platform support asks for: the application name and id, the first and last 4 characters of the API key, the JWT header and payload, the exact token request and the time'
        : 'What NHS support asks for: the application name and ids, the JWKS URL, the JWT header and payload, the exact token request and the time'}
      {' '}— plus the last jwks_uri check, versions and the OS. No secret, private key, passphrase or full API key: the pack is scanned before it is
      written.
    </p>
  );
}

/** Saves the pack of `id` and shows the outcome. */
function SupportPackForm({ id, apiPlatform, storedApplicationId, autoFocus = false }: { id: string; apiPlatform: boolean; storedApplicationId?: string | undefined; autoFocus?: boolean }): ReactElement {
  const fieldId = useId();
  const [applicationId, setApplicationId] = useState(storedApplicationId ?? '');
  const { run, busy, value: saved, error } = useAction('saveSupportPack');
  const save = () => run({ id, ...(apiPlatform && applicationId.trim() !== '' && { applicationId: applicationId.trim() }) });
  return (
    <div className="support-pack-form">
      {apiPlatform && (
        <div className="field">
          <label htmlFor={fieldId}>Application id (optional)</label>
          <p className="field-help" id={`${fieldId}-help`}>
            The UUID on your Developer Hub application page — not the API key. Support asks for it.
            {storedApplicationId !== undefined && ' Filled in from the saved credentials.'}
          </p>
          <input
            id={fieldId}
            type="text"
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${fieldId}-help`}
            value={applicationId}
            onChange={(event) => setApplicationId(event.target.value)}
            placeholder="9b2f3c1e-4d5a-4b6c-8d7e-0f1a2b3c4d5e"
            {...(autoFocus && { 'data-autofocus': true })}
          />
        </div>
      )}
      <div className="action-row">
        <button type="button" className="button button-primary" disabled={busy} onClick={save}>
          <Icon name="package" size={18} />
          {busy ? 'Saving…' : 'Save support pack…'}
        </button>
      </div>
      <div aria-live="polite">
        {saved !== undefined && !saved.saved && <p className="action-info">Not saved: the save dialog was cancelled.</p>}
        {saved?.saved === true && (
          <SavedZipNotice testId="support-pack" title="Support pack saved. Read README.txt inside before you send it." path={saved.path ?? ''} sha256={saved.sha256 ?? ''} entries={saved.entries ?? []}>
            <dt>JWT header and payload</dt>
            <dd data-testid="support-pack-assertion">{saved.assertionSource ? ASSERTION_SOURCE_TEXT[saved.assertionSource] : '—'}</dd>
          </SavedZipNotice>
        )}
      </div>
      {error !== undefined && <ErrorNotice error={error} />}
    </div>
  );
}

/** The "Support pack…" button of a registration's header, with its dialog. */
export function SupportPackButton({ id, provider, name, storedApplicationId }: { id: string; provider: string; name: string; storedApplicationId?: string | undefined }): ReactElement {
  const [open, setOpen] = useState(false);
  const apiPlatform = provider === 'nhs-api-platform';
  return (
    <>
      <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
        <Icon name="package" size={18} />
        Support pack…
      </button>
      <Dialog
        open={open}
        title={`Support pack for ${name}`}
        onClose={() => setOpen(false)}
        actions={
          <button type="button" className="button button-secondary" onClick={() => setOpen(false)} {...(!apiPlatform && { 'data-autofocus': true })}>
            Close
          </button>
        }
      >
        <WhatItHolds apiPlatform={apiPlatform} />
        <SupportPackForm id={id} apiPlatform={apiPlatform} storedApplicationId={storedApplicationId} autoFocus={apiPlatform} />
      </Dialog>
    </>
  );
}

/** The About & Diagnostics card: choose a registration, save its pack. */
export function SupportPackCard(): ReactElement {
  const list = useOperation('listRegistrations');
  const selectId = useId();
  const [chosen, setChosen] = useState('');
  const registrations = list.state.status === 'ok' ? list.state.value : [];
  const current = registrations.find((r) => r.registration.id === chosen) ?? registrations[0];
  const apiPlatform = current?.registration.provider === 'nhs-api-platform';
  return (
    <section className="card" aria-labelledby="about-support-pack">
      <h2 id="about-support-pack">Support pack for a registration</h2>
      <WhatItHolds apiPlatform={apiPlatform} />
      {list.state.status === 'loading' && <p role="status">Loading…</p>}
      {list.state.status === 'error' && <ErrorNotice error={list.state.error} />}
      {list.state.status === 'ok' && registrations.length === 0 && <p className="muted">No registrations yet: create one first.</p>}
      {current !== undefined && (
        <>
          <div className="field">
            <label htmlFor={selectId}>Registration</label>
            <select id={selectId} value={current.registration.id} onChange={(event) => setChosen(event.target.value)}>
              {registrations.map((r) => (
                <option key={r.registration.id} value={r.registration.id}>
                  {clientNameForDisplay(r.registration.metadata) || r.registration.id} — {r.providerName}, {r.environmentName}
                </option>
              ))}
            </select>
          </div>
          <SupportPackForm key={current.registration.id} id={current.registration.id} apiPlatform={apiPlatform} storedApplicationId={current.registration.credentials?.applicationId} />
        </>
      )}
    </section>
  );
}
