/**
 * Credentials: the Client ID and secret each provider issued, kept next to their registration.
 * The secret lives in the system keychain; this window sees it only when the user presses
 * Reveal (and hides it again after 30 seconds or when the window loses focus). Copying goes
 * through the main process, which clears the clipboard after the configured time.
 */
import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import type { ErrorPayload } from '../../contract/errors';
import { ActionStatus, type ActionOutcome } from '../components/action-status';
import { ConfirmDeleteDialog } from '../components/dialog';
import { EmptyState } from '../components/empty-state';
import { ErrorNotice } from '../components/error-notice';
import { Icon } from '../components/icons';
import { call, useOperation, type ValueFor } from '../hooks/use-operation';
import { hrefFor } from '../hooks/use-route';
import type { Summary } from '../types';
import { clientNameForDisplay } from '../wizard/metadata';
import { AssertionHelper } from './assertion-helper';
import { CredentialForm, type IssuedFields } from './credential-form';
import { formatDate } from '../format/dates';

type CredentialView = NonNullable<ValueFor<'showCredentials'>>;

/** How long a revealed secret stays visible. */
export const REVEAL_SECONDS = 30;

function nameOf(item: Summary): string {
  return clientNameForDisplay(item.registration.metadata) || 'Unnamed application';
}


/** The secret, masked until Reveal; Reveal is explicit, toggles, and times out. */
function SecretRow({ id, onOutcome }: { id: string; onOutcome: (outcome: ActionOutcome) => void }): ReactElement {
  const [secret, setSecret] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  const hide = useCallback(() => {
    setSecret(undefined);
    if (timer.current !== undefined) window.clearTimeout(timer.current);
    timer.current = undefined;
  }, []);

  // Hide when the window loses focus or is hidden, and on leaving the page.
  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') hide();
    };
    window.addEventListener('blur', hide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('blur', hide);
      document.removeEventListener('visibilitychange', onVisibility);
      hide();
    };
  }, [hide]);

  const reveal = async () => {
    if (secret !== undefined) {
      hide();
      return;
    }
    setBusy(true);
    const result = await call('revealCredentialSecret', { id });
    setBusy(false);
    if (!result.ok) {
      onOutcome({ kind: 'error', error: result.error });
      return;
    }
    setSecret(result.value.secret);
    timer.current = window.setTimeout(hide, REVEAL_SECONDS * 1000);
  };

  const copy = async () => {
    const result = await call('copyCredentialSecret', { id });
    if (!result.ok) onOutcome({ kind: 'error', error: result.error });
    else onOutcome({ kind: 'done', text: `Copied — the clipboard will be cleared in ${result.value.clearAfterSeconds} s.` });
  };

  return (
    <div className="secret-row">
      {secret === undefined ? (
        <code className="secret-value secret-masked" data-testid="secret-value" aria-label="Secret hidden">
          ••••••••••••
        </code>
      ) : (
        <code className="secret-value" data-testid="secret-value">
          {secret}
        </code>
      )}
      <button type="button" className="button button-secondary button-small" aria-pressed={secret !== undefined} disabled={busy} onClick={() => void reveal()}>
        {secret === undefined ? 'Reveal' : 'Hide'}
      </button>
      <button type="button" className="button button-secondary button-small" onClick={() => void copy()}>
        <Icon name="copy" size={16} />
        Copy secret
      </button>
      {secret !== undefined && <span className="muted">Hides again after {REVEAL_SECONDS} s or when you leave the window.</span>}
    </div>
  );
}

/** The clipboard-clearing time (a preference, shared with every sensitive copy). */
function ClipboardSetting(): ReactElement {
  const prefs = useOperation('preferences', {});
  const [value, setValue] = useState('');
  const [outcome, setOutcome] = useState<ActionOutcome>({ kind: 'none' });
  const current = prefs.state.status === 'ok' ? prefs.state.value.clipboardClearSeconds : undefined;
  useEffect(() => {
    if (current !== undefined) setValue(String(current));
  }, [current]);
  const save = async () => {
    const seconds = Number(value);
    if (!Number.isInteger(seconds) || seconds < 5 || seconds > 600) {
      setOutcome({ kind: 'info', text: 'Enter a whole number of seconds from 5 to 600.' });
      return;
    }
    const result = await call('preferences', { clipboardClearSeconds: seconds });
    if (result.ok) {
      prefs.setValue(result.value);
      setOutcome({ kind: 'done', text: `Copied secrets are now cleared from the clipboard after ${result.value.clipboardClearSeconds} s.` });
    } else setOutcome({ kind: 'error', error: result.error });
  };
  return (
    <div className="clipboard-setting">
      <div className="action-row">
        <label className="inline-label" htmlFor="clipboard-seconds">
          Clear the clipboard after (seconds)
        </label>
        <input
          id="clipboard-seconds"
          className="input-seconds"
          type="number"
          min={5}
          max={600}
          step={1}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          disabled={current === undefined}
        />
        <button type="button" className="button button-secondary button-small" onClick={() => void save()} disabled={current === undefined}>
          Save setting
        </button>
      </div>
      {prefs.state.status === 'error' && <ErrorNotice error={prefs.state.error} />}
      <ActionStatus outcome={outcome} testId="clipboard-setting-status" />
    </div>
  );
}

function DeleteDialog({ open, view, onClose, onDeleted }: { open: boolean; view: CredentialView; onClose: () => void; onDeleted: () => void }): ReactElement {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorPayload | undefined>(undefined);
  const remove = async () => {
    setBusy(true);
    const result = await call('deleteCredentials', { id: view.registrationId, confirm: true });
    setBusy(false);
    if (result.ok) onDeleted();
    else setError(result.error);
  };
  return (
    <ConfirmDeleteDialog
      open={open}
      title="Delete these credentials?"
      confirmLabel="Delete credentials"
      busy={busy}
      onConfirm={() => void remove()}
      onClose={onClose}
    >
      <p>
        This removes the {view.identifierLabel} <code>{view.clientId}</code> from this app{view.hasSecret ? ` and its secret from the ${view.storedIn}` : ''}. <strong>This cannot be undone</strong>
        : if you still need them, ask the provider to issue new ones.
      </p>
      {error !== undefined && <ErrorNotice error={error} />}
    </ConfirmDeleteDialog>
  );
}

function SavedCredentials({ view, onReplace, onDeleted }: { view: CredentialView; onReplace: () => void; onDeleted: () => void }): ReactElement {
  const [outcome, setOutcome] = useState<ActionOutcome>({ kind: 'none' });
  const [deleting, setDeleting] = useState(false);
  return (
    <div data-testid="saved-credentials">
      <dl className="facts">
        <dt>{view.identifierLabel}</dt>
        <dd>
          <code data-testid="client-id">{view.clientId}</code>
        </dd>
        {view.applicationId !== undefined && (
          <>
            <dt>Application id</dt>
            <dd>
              <code data-testid="application-id">{view.applicationId}</code>
            </dd>
          </>
        )}
        {view.kid !== undefined && (
          <>
            <dt>KID</dt>
            <dd>
              <code data-testid="credential-kid">{view.kid}</code>
            </dd>
          </>
        )}
        <dt>Received</dt>
        <dd>{formatDate(view.receivedAt)}</dd>
        <dt>Notes</dt>
        <dd className="credential-notes">{view.notes === '' ? <span className="muted">None</span> : view.notes}</dd>
        {(view.hasSecret || view.secretIssued) && (
          <>
            <dt>Client secret</dt>
            <dd>{view.hasSecret ? <SecretRow id={view.registrationId} onOutcome={setOutcome} /> : <span className="muted">None was saved.</span>}</dd>
          </>
        )}
      </dl>
      {view.hasSecret ? (
        <p className="stored-in" data-testid="stored-in">
          <Icon name="lock" size={16} className="stored-in-icon" /> Stored in: <strong>{view.storedIn}</strong>, as the item with service <code>{view.service}</code> and account{' '}
          <code>{view.account}</code>. Look for it there (for example in Seahorse, Keychain Access or Credential Manager).
        </p>
      ) : (
        <p className="stored-in" data-testid="no-secret">
          <Icon name="info" size={16} className="stored-in-icon" /> No secret: the provider issues none for this registration, so nothing is kept in the {view.storedIn}.
        </p>
      )}
      <ActionStatus outcome={outcome} testId="credentials-status" />
      {view.hasSecret && <ClipboardSetting />}
      <div className="action-row credential-actions">
        <button type="button" className="button button-secondary" onClick={onReplace}>
          Replace…
        </button>
        <button type="button" className="button button-danger-quiet" onClick={() => setDeleting(true)}>
          <Icon name="trash" size={18} />
          Delete…
        </button>
      </div>
      <DeleteDialog
        open={deleting}
        view={view}
        onClose={() => setDeleting(false)}
        onDeleted={() => {
          setDeleting(false);
          onDeleted();
        }}
      />
    </div>
  );
}

// Saving or deleting invalidates the list (its status chips) through the query cache: no callback up.
function RegistrationCredentials({ item, authMethod, issued }: { item: Summary; authMethod: string | undefined; issued: IssuedFields }): ReactElement {
  const id = item.registration.id;
  const shown = useOperation('showCredentials', { id });
  // Saved or deleted by the CLI or another window: the event invalidates this read, so what is
  // stored now is shown (what the user types stays in its form).
  const [replacing, setReplacing] = useState(false);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const heading = useRef<HTMLHeadingElement>(null);

  const view = shown.state.status === 'ok' ? shown.state.value : undefined;
  return (
    <>
      <section className="card credentials-panel" aria-labelledby="credentials-heading">
        <h2 id="credentials-heading" ref={heading} tabIndex={-1}>
          {nameOf(item)}
          <span className="page-subtitle credentials-subtitle">
            {' '}
            · {item.providerName} · {item.environmentName}
          </span>
        </h2>
        {notice !== undefined && (
          <p role="status" className="action-done">
            <Icon name="check" size={16} /> {notice}
          </p>
        )}
        {shown.state.status === 'loading' && <p role="status">Loading…</p>}
        {shown.state.status === 'error' && <ErrorNotice error={shown.state.error} />}
        {shown.state.status === 'ok' && view === null && (
          <>
            <p className="muted" data-testid="credentials-empty">
              No credentials stored for this registration yet. When the provider answers your request, enter what they sent.
            </p>
            <CredentialForm
              key="new"
              id={id}
              issued={issued}
              replacing={undefined}
              onSaved={(saved) => {
                shown.setValue(saved);
                setNotice(savedText('Saved', saved));
                heading.current?.focus();
              }}
            />
          </>
        )}
        {view != null && !replacing && (
          <SavedCredentials
            view={view}
            onReplace={() => {
              setNotice(undefined);
              setReplacing(true);
            }}
            onDeleted={() => {
              shown.setValue(null);
              setNotice('Deleted the credentials and their keychain item.');
              heading.current?.focus();
            }}
          />
        )}
        {view != null && replacing && (
          <CredentialForm
            key="replace"
            id={id}
            issued={issued}
            replacing={{ clientId: view.clientId }}
            onCancel={() => setReplacing(false)}
            onSaved={(saved) => {
              setReplacing(false);
              shown.setValue(saved);
              setNotice(savedText('Replaced', saved));
              heading.current?.focus();
            }}
          />
        )}
      </section>
      {view != null && authMethod === 'private_key_jwt' && <AssertionHelper id={id} identifierLabel={view.identifierLabel} />}
    </>
  );
}

/** The confirmation after a save: where the secret went (if any), and any warning. */
function savedText(what: 'Saved' | 'Replaced', saved: { hasSecret: boolean; storedIn: string; warnings: string[] }): string {
  const where = saved.hasSecret ? ` The secret is in the ${saved.storedIn}.` : ' No secret is issued, so nothing went to the keychain.';
  return `${what}.${where}${saved.warnings.map((warning) => ` Warning: ${warning}`).join('')}`;
}

function RegistrationPicker({ items, selected }: { items: Summary[]; selected: string | undefined }): ReactElement {
  return (
    <nav className="credentials-picker" aria-label="Registrations">
      <ul>
        {items.map((item) => {
          const id = item.registration.id;
          return (
            <li key={id}>
              <a href={hrefFor({ name: 'credentials', id })} aria-current={selected === id ? 'page' : undefined}>
                <span className="picker-name">{nameOf(item)}</span>
                <span className="picker-meta">
                  {item.providerName} · {item.environmentName}
                </span>
                <span className={item.status.credentialsStored ? 'picker-badge tone-ok' : 'picker-badge tone-pending'}>
                  <Icon name={item.status.credentialsStored ? 'check' : 'pending'} size={14} />
                  {item.status.credentialsStored ? 'Credentials stored' : 'No credentials yet'}
                </span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** The Credentials page; `id` selects a registration (`#/credentials/<id>`). */
export function CredentialsScreen({ id }: { id?: string }): ReactElement {
  const list = useOperation('listRegistrations');
  const items = list.state.status === 'ok' ? list.state.value : [];
  const selected = id === undefined ? undefined : items.find((item) => item.registration.id === id);

  // One registration only: open it straight away.
  useEffect(() => {
    // Replace, not push: Back should not land on a page that forwards again.
    if (id === undefined && items.length === 1 && items[0]) window.location.replace(hrefFor({ name: 'credentials', id: items[0].registration.id }));
  }, [id, items]);

  return (
    <>
      <h1 tabIndex={-1}>Credentials</h1>
      <p className="lede">
        What a provider issues — a Client ID (an API key for the NHS England API platform) and, only where one is issued, a secret kept in your system
        keychain — next to the registration it belongs to.
      </p>
      {list.state.status === 'loading' && <p role="status">Loading registrations…</p>}
      {list.state.status === 'error' && <ErrorNotice error={list.state.error} />}
      {list.state.status === 'ok' && items.length === 0 && (
        <EmptyState
          icon="lock"
          heading="No credentials stored"
          action={
            <a className="button button-primary" href="#/registrations">
              Go to Registrations
            </a>
          }
        >
          When the provider answers your request, store what they sent against its registration; the secret goes to the system keychain and never
          into a file. Start from the registration you submitted.
        </EmptyState>
      )}
      {list.state.status === 'ok' && items.length > 0 && (
        <div className="credentials-layout">
          <RegistrationPicker items={items} selected={id} />
          <div className="credentials-main">
            {id === undefined && <p className="muted">Choose the registration the credentials belong to.</p>}
            {id !== undefined && selected === undefined && (
              <ErrorNotice error={{ code: 'NOT_FOUND', message: `No registration "${id}".` }}>
                <a className="button button-secondary" href={hrefFor({ name: 'credentials' })}>
                  Show all registrations
                </a>
              </ErrorNotice>
            )}
            {selected !== undefined && (
              <RegistrationCredentials
                key={selected.registration.id}
                item={selected}
                authMethod={selected.authMethod}
                issued={selected.issued}
              />
            )}
          </div>
        </div>
      )}
    </>
  );
}
