/**
 * The registration page: a stepper over the draft's values with live validation. Every change is
 * autosaved through `updateRegistration`, whose answer carries the new findings; those are shown
 * beside the fields they concern. Copy to another environment and Delete live here too.
 */
import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import type { ErrorPayload } from '../../contract/errors';
import type { Detail as RegistrationDetail, Profile as ProfileSummary } from '../types';
import { ConfirmDeleteDialog, Dialog } from '../components/dialog';
import { ErrorNotice } from '../components/error-notice';
import { ExternalLink } from '../components/external-link';
import { Icon } from '../components/icons';
import { useAutosave, type SaveStatus } from '../hooks/use-autosave';
import { call, useOperation } from '../hooks/use-operation';
import { hasNavigatedInApp, hrefFor, navigate } from '../hooks/use-route';
import { RegistrationCheck } from '../checks/registration-check';
import { KeyRingPanel } from '../keys/key-ring-panel';
import { PackagePanel } from '../package/package-panel';
import { ChecklistPanel } from '../steps/checklist-panel';
import { STEP_TITLES, countsByStep, stepsFor, type WizardStep } from './wizard-steps';
import { ProviderData } from './provider-data';
import { clientNameForDisplay, textOf, type Metadata } from './metadata';
import { BasicsStep, KeysStep, OptionalStep, RedirectUrisStep, ReviewStep, type StepProps } from './steps';
import { SupportPackButton } from '../support/support-pack';

function saveText(status: SaveStatus): string {
  switch (status.kind) {
    case 'idle':
      return '';
    case 'pending':
    case 'saving':
      return 'Saving…';
    case 'saved':
      return 'Saved';
    case 'failed':
      return 'Not saved';
  }
}

function Stepper({ id, step, steps, counts }: { id: string; step: WizardStep; steps: readonly WizardStep[]; counts: ReturnType<typeof countsByStep> }): ReactElement {
  return (
    <nav className="stepper" aria-label="Registration steps">
      <ol data-testid="stepper">
        {steps.map((s, index) => {
          const count = counts[s];
          const current = s === step;
          const done = steps.indexOf(step) > index;
          return (
            <li key={s} className={current ? 'step step-current' : done ? 'step step-done' : 'step'} data-step={s}>
              <a href={hrefFor({ name: 'registration', id, step: s })} aria-current={current ? 'step' : undefined}>
                <span className="step-number" aria-hidden="true">
                  {index + 1}
                </span>
                <span className="step-label">{STEP_TITLES[s]}</span>
                {s !== 'review' && s !== 'submit' && count.errors > 0 && (
                  <span className="step-count step-count-error">
                    <Icon name="error" size={14} />
                    {count.errors}
                    <span className="visually-hidden"> error{count.errors === 1 ? '' : 's'}</span>
                  </span>
                )}
                {s !== 'review' && s !== 'submit' && count.errors === 0 && count.warnings > 0 && (
                  <span className="step-count step-count-warning">
                    <Icon name="warning" size={14} />
                    {count.warnings}
                    <span className="visually-hidden"> warning{count.warnings === 1 ? '' : 's'}</span>
                  </span>
                )}
              </a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function CopyDialog({ open, onClose, detail, profile }: { open: boolean; onClose: () => void; detail: RegistrationDetail; profile: ProfileSummary | undefined }): ReactElement {
  const others = (profile?.environments ?? []).filter((env) => env.id !== detail.registration.environment);
  const [target, setTarget] = useState(others[0]?.id ?? '');
  const [error, setError] = useState<ErrorPayload | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const copy = async () => {
    setBusy(true);
    const result = await call('copyRegistration', { id: detail.registration.id, environment: target });
    setBusy(false);
    if (result.ok) {
      onClose();
      navigate({ name: 'registration', id: result.value.registration.id, step: 'basics' });
    } else setError(result.error);
  };
  return (
    <Dialog
      open={open}
      title="Copy to another environment"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button button-primary" disabled={busy || target === ''} onClick={() => void copy()}>
            {busy ? 'Copying…' : 'Copy values'}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
        </>
      }
    >
      <p>Creates a new draft with these values for another {detail.providerName} environment. Keys and credentials are never copied.</p>
      {others.length === 0 ? (
        <p>{detail.providerName} has no other environment.</p>
      ) : (
        <div className="field">
          <label htmlFor="copy-environment">Environment</label>
          <select id="copy-environment" value={target} onChange={(event) => setTarget(event.target.value)}>
            {others.map((env) => (
              <option key={env.id} value={env.id}>
                {env.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {error !== undefined && <ErrorNotice error={error} />}
    </Dialog>
  );
}

function DeleteDialog({ open, onClose, detail, name }: { open: boolean; onClose: () => void; detail: RegistrationDetail; name: string }): ReactElement {
  const [error, setError] = useState<ErrorPayload | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    const result = await call('deleteRegistration', { id: detail.registration.id, confirm: true });
    setBusy(false);
    if (result.ok) {
      onClose();
      navigate({ name: 'registrations' });
    } else setError(result.error);
  };
  return (
    <ConfirmDeleteDialog
      open={open}
      title={`Delete “${name}”?`}
      confirmLabel="Delete registration"
      busy={busy}
      onConfirm={() => void remove()}
      onClose={onClose}
    >
      <p>
        This deletes the {detail.providerName} · {detail.environmentName} draft with all its values, its key pairs and their keychain items, its stored credentials and its check history. <strong>This cannot be undone.</strong>
      </p>
      {error !== undefined && <ErrorNotice error={error} />}
    </ConfirmDeleteDialog>
  );
}

/**
 * The registration changed elsewhere (by the CLI or another process on this data folder) while the user was editing it here:
 * their text stays until they choose.
 */
function ChangedElsewhereNotice({ onReload, onKeep }: { onReload: () => void; onKeep: () => void }): ReactElement {
  return (
    <div className="notice notice-warning" role="alert" data-testid="changed-elsewhere">
      <Icon name="warning" className="notice-icon" />
      <div>
        <p className="notice-title">This registration was changed elsewhere (by the CLI or another process on this data folder).</p>
        <p>Your edits here are kept until you choose: load the other version (your unsaved edits are dropped), or keep yours (they are saved over it).</p>
        <div className="notice-actions">
          <button type="button" className="button button-secondary" onClick={onReload}>
            Reload the other version
          </button>
          <button type="button" className="button button-secondary" onClick={onKeep}>
            Keep mine
          </button>
        </div>
      </div>
    </div>
  );
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** `local` with every member it still has as in `base` replaced by `theirs` (members changed here are kept). */
function rebaseMembers(base: Metadata, local: Metadata, theirs: Metadata): Metadata {
  const result: Metadata = {};
  for (const key of new Set([...Object.keys(theirs), ...Object.keys(local), ...Object.keys(base)])) {
    const changedHere = Object.hasOwn(local, key) !== Object.hasOwn(base, key) || !sameJson(local[key], base[key]);
    const source = changedHere ? local : theirs;
    if (Object.hasOwn(source, key)) result[key] = source[key];
  }
  return result;
}

function WizardBody({ initial, profile, step }: { initial: RegistrationDetail; profile: ProfileSummary | undefined; step: WizardStep }): ReactElement {
  const id = initial.registration.id;
  const [detail, setDetail] = useState(initial);
  const [metadata, setMetadataState] = useState<Metadata>(initial.registration.metadata);
  const [notes, setNotesState] = useState(initial.registration.notes ?? '');
  const [dialog, setDialog] = useState<'copy' | 'delete' | undefined>(undefined);
  // A newer version saved elsewhere that the user has not taken yet, or the news that it was deleted.
  const [elsewhere, setElsewhere] = useState<{ remote: RegistrationDetail; clashes: string[] } | 'deleted' | undefined>(undefined);
  const form = useRef<HTMLFormElement>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const mountedOnce = useRef(false);

  // Land keyboard and screen-reader users on the step they moved to. On first show, only take
  // focus if nothing else has it (the user arrived here by a link that has gone away).
  useEffect(() => {
    const active = document.activeElement;
    if (!mountedOnce.current) {
      mountedOnce.current = true;
      if (!hasNavigatedInApp() || (active !== null && active !== document.body && active.id !== 'main-content')) return;
    }
    stepHeading.current?.focus();
  }, [step]);

  // Every save carries the version the edits started from, so the main process writes only what was changed here.
  const save = useCallback(
    (value: { metadata: Metadata; notes: string; base: { metadata: Metadata; notes: string } }) => call('updateRegistration', { id, metadata: value.metadata, notes: value.notes, base: value.base }),
    [id],
  );
  const baseOf = (d: RegistrationDetail) => ({ metadata: d.registration.metadata, notes: d.registration.notes ?? '' });
  // A saved answer is the merged record: members not touched here since the last synced version take its values (someone else may have changed them).
  const onSaved = (result: RegistrationDetail) => {
    const base = baseOf(detail);
    setMetadataState((local) => rebaseMembers(base.metadata, local, result.registration.metadata));
    setNotesState((local) => (local === base.notes ? (result.registration.notes ?? '') : local));
    setDetail(result);
  };
  const autosave = useAutosave(save, onSaved);

  const setMetadata = (next: Metadata) => {
    setMetadataState(next);
    autosave.schedule({ metadata: next, notes, base: baseOf(detail) });
  };
  const setNotes = (next: string) => {
    setNotesState(next);
    autosave.schedule({ metadata, notes: next, base: baseOf(detail) });
  };

  const adopt = (remote: RegistrationDetail) => {
    setDetail(remote);
    setMetadataState(remote.registration.metadata);
    setNotesState(remote.registration.notes ?? '');
    setElsewhere(undefined);
  };
  // The member the user is in now (a focused field of the form), if any.
  const focusedMember = (): string | undefined => {
    const active = document.activeElement;
    if (!(active instanceof HTMLElement) || form.current?.contains(active) !== true || !active.matches('input, textarea, select')) return undefined;
    return active.closest<HTMLElement>('[data-path]')?.dataset.path?.split(/[.[]/)[0];
  };
  // The registration as the query cache holds it. A change made elsewhere (another process, the
  // CLI) invalidates every registration read (data/query-client.ts), so this refreshes with one
  // fetch shared with the page's own read; the panels (keys, check, package, checklist) refresh
  // their own cached reads and keep their state. A new answer is reconciled with the edits here.
  const cached = useOperation('getRegistration', { id }).state;
  const remote = cached.status === 'ok' ? cached.value : undefined;
  const remoteError = cached.status === 'error' ? cached.error : undefined;
  // The last answer taken in; the cache keeps an unchanged answer's identity, so only news runs the merge.
  const seen = useRef(initial);
  const reconcile = (next: RegistrationDetail) => {
    const base = baseOf(detail);
    const theirs = baseOf(next);
    const focused = focusedMember();
    // A clash: a member changed elsewhere that the user changed here too (not yet saved) or is in right now.
    const touched = (key: string, mine: unknown, old: unknown) => key === focused || !sameJson(mine, old);
    const clashes = Object.keys({ ...base.metadata, ...theirs.metadata }).filter(
      (key) => !sameJson(base.metadata[key], theirs.metadata[key]) && touched(key, metadata[key], base.metadata[key]) && !sameJson(metadata[key], theirs.metadata[key]),
    );
    if (base.notes !== theirs.notes && touched('notes', notes, base.notes) && notes !== theirs.notes) clashes.push('notes');
    if (clashes.length > 0) {
      setElsewhere({ remote: next, clashes });
      return;
    }
    // No clash: take what changed elsewhere, keep what changed here.
    setMetadataState((local) => rebaseMembers(base.metadata, local, theirs.metadata));
    setNotesState((local) => (local === base.notes ? theirs.notes : local));
    setDetail(next);
  };
  useEffect(() => {
    if (remoteError !== undefined) {
      if (remoteError.code === 'NOT_FOUND') setElsewhere('deleted');
      return;
    }
    if (remote === undefined || remote === seen.current) return;
    seen.current = remote;
    reconcile(remote);
    // Only a new answer from the cache runs the merge; the edits it reads are this render's.
  }, [remote, remoteError]);

  const findings = detail.report.findings;
  // The draft's own environment: refreshed from the provider's discovery document once one is fetched.
  const environment = detail.environment;
  // Only the steps this provider and its key source use (no Redirect URIs for client credentials, no check for a PEM key).
  const steps = stepsFor({ profile, environment, metadata });
  const counts = countsByStep(findings, steps);
  const name = clientNameForDisplay(metadata) || 'Unnamed application';
  const shown = steps.includes(step);
  const index = shown ? steps.indexOf(step) : -1;
  const previous = index > 0 ? steps[index - 1] : undefined;
  const next = shown ? steps[index + 1] : steps[0];
  const props: StepProps = { detail, profile, environment, metadata, notes, findings, setMetadata, setNotes, steps };

  return (
    <>
      <p className="breadcrumb">
        <a href={hrefFor({ name: 'registrations' })}>Registrations</a>
      </p>
      <div className="page-title-row">
        <div>
          <h1 tabIndex={-1}>{name}</h1>
          <p className="page-subtitle">
            {detail.providerName} · {detail.environmentName}
          </p>
        </div>
        <div className="page-actions">
          <SupportPackButton id={id} provider={detail.registration.provider} name={name} storedApplicationId={detail.registration.credentials?.applicationId} />
          <button type="button" className="button button-secondary" onClick={() => setDialog('copy')}>
            <Icon name="copy" size={18} />
            Copy to another environment
          </button>
          <a className="button button-secondary" href={hrefFor({ name: 'compare', id })}>
            <Icon name="list" size={18} />
            Compare with another environment
          </a>
          <button type="button" className="button button-danger-quiet" onClick={() => setDialog('delete')}>
            <Icon name="trash" size={18} />
            Delete
          </button>
        </div>
      </div>

      {(detail.registration.notices ?? []).map((notice) => (
        <div key={notice.code} className="notice notice-info" role="status" data-testid="registration-notice" data-code={notice.code}>
          <Icon name="info" className="notice-icon" size={20} />
          <div>
            <p>{notice.text}</p>
            {notice.source !== undefined && (
              <p className="notice-detail">
                Why: <ExternalLink url={notice.source.url}>{notice.source.title}</ExternalLink>
              </p>
            )}
          </div>
        </div>
      ))}

      <Stepper id={id} step={step} steps={steps} counts={counts} />

      <section className="card wizard-panel" aria-labelledby="step-heading">
        <div className="wizard-panel-head">
          <h2 id="step-heading" tabIndex={-1} ref={stepHeading}>
            {shown && <span className="visually-hidden">Step {index + 1} of {steps.length}: </span>}
            {STEP_TITLES[step]}
          </h2>
          <p className={`save-status save-${autosave.status.kind}`} aria-live="polite" data-testid="save-status">
            {autosave.status.kind === 'saved' && <Icon name="check" size={16} />}
            {saveText(autosave.status)}
          </p>
        </div>
        {elsewhere === 'deleted' && (
          <div className="notice notice-warning" role="alert" data-testid="deleted-elsewhere">
            <Icon name="warning" className="notice-icon" />
            <div>
              <p className="notice-title">This registration was deleted elsewhere (by the CLI or another process on this data folder).</p>
              <p>
                <a href={hrefFor({ name: 'registrations' })}>Go to Registrations</a>
              </p>
            </div>
          </div>
        )}
        {elsewhere !== undefined && elsewhere !== 'deleted' && (
          <ChangedElsewhereNotice
            onReload={() => adopt(elsewhere.remote)}
            onKeep={() => {
              // The user's text wins where it clashed; every other member takes what changed elsewhere. Saved against that version.
              const theirs = baseOf(elsewhere.remote);
              const mine = rebaseMembers(baseOf(detail).metadata, metadata, theirs.metadata);
              for (const key of elsewhere.clashes) if (key !== 'notes') mine[key] = metadata[key];
              const myNotes = elsewhere.clashes.includes('notes') || notes !== baseOf(detail).notes ? notes : theirs.notes;
              setDetail(elsewhere.remote);
              setMetadataState(mine);
              setNotesState(myNotes);
              setElsewhere(undefined);
              autosave.schedule({ metadata: mine, notes: myNotes, base: theirs });
              autosave.flush();
            }}
          />
        )}
        {autosave.status.kind === 'failed' && (
          <ErrorNotice error={autosave.status.error}>
            <button type="button" className="button button-secondary" onClick={autosave.retry}>
              Try saving again
            </button>
          </ErrorNotice>
        )}
        {!shown ? (
          <div className="notice notice-info" data-testid="step-not-used">
            <Icon name="info" className="notice-icon" />
            <div>
              <p className="notice-title">{detail.providerName} does not use this step.</p>
              <p>
                <a href={hrefFor({ name: 'registration', id, step: steps[0] ?? 'basics' })}>Go to {STEP_TITLES[steps[0] ?? 'basics']}</a>
              </p>
            </div>
          </div>
        ) : step === 'check' ? (
          // Not a form of draft values: the check step runs the tester on what is already saved.
          <RegistrationCheck id={id} jwksUri={textOf(metadata, 'jwks_uri')} keySource={environment?.keys?.keySource} providerName={detail.providerName} />
        ) : step === 'submit' ? (
          // The NHS steps after packaging: not draft values either; ticks are saved as they change.
          <ChecklistPanel id={id} />
        ) : (
          <form ref={form} className="form" onSubmit={(event) => event.preventDefault()} noValidate>
            {step === 'basics' && <BasicsStep {...props} />}
            {step === 'redirect-uris' && <RedirectUrisStep {...props} />}
            {step === 'keys' && <KeysStep {...props} />}
            {step === 'optional' && <OptionalStep {...props} />}
            {step === 'review' && <ReviewStep {...props} />}
          </form>
        )}
        {/* Outside the form: key actions are not draft values and must never submit it. */}
        {step === 'basics' && <ProviderData detail={detail} profile={profile} environment={environment} onDetail={setDetail} />}
        {step === 'keys' && <KeyRingPanel id={id} provider={detail.registration.provider} />}
        {step === 'review' && <PackagePanel id={id} steps={steps} />}
        <div className="wizard-nav">
          {previous !== undefined ? (
            <a className="button button-secondary" href={hrefFor({ name: 'registration', id, step: previous })}>
              <Icon name="arrowLeft" size={18} />
              Back<span className="visually-hidden">: {STEP_TITLES[previous]}</span>
            </a>
          ) : (
            <span />
          )}
          {next !== undefined ? (
            <a className="button button-primary" href={hrefFor({ name: 'registration', id, step: next })}>
              Next<span className="visually-hidden">: {STEP_TITLES[next]}</span>
              <Icon name="arrowRight" size={18} />
            </a>
          ) : (
            <a className="button button-primary" href={hrefFor({ name: 'registrations' })}>
              Back to Registrations
            </a>
          )}
        </div>
      </section>

      <CopyDialog open={dialog === 'copy'} onClose={() => setDialog(undefined)} detail={detail} profile={profile} />
      <DeleteDialog open={dialog === 'delete'} onClose={() => setDialog(undefined)} detail={detail} name={name} />
    </>
  );
}

/** Loads the draft and the provider profiles, then shows the wizard. */
export function RegistrationWizard({ id, step }: { id: string; step: WizardStep }): ReactElement {
  const registration = useOperation('getRegistration', { id });
  const profiles = useOperation('listProfiles');
  // Once shown, the wizard stays: a later refetch that fails (deleted elsewhere) is the wizard's
  // own notice to give, over the values the user still sees, not a blank error page.
  const shown = useRef<RegistrationDetail | undefined>(undefined);
  if (registration.state.status === 'ok') shown.current = registration.state.value;
  if (registration.state.status === 'error' && shown.current === undefined) {
    return (
      <>
        <h1 tabIndex={-1}>Registration</h1>
        <ErrorNotice error={registration.state.error}>
          <a className="button button-secondary" href={hrefFor({ name: 'registrations' })}>
            Go to Registrations
          </a>
        </ErrorNotice>
      </>
    );
  }
  if ((registration.state.status === 'loading' && shown.current === undefined) || profiles.state.status === 'loading') {
    return (
      <>
        <h1 tabIndex={-1}>Registration</h1>
        <p role="status">Loading…</p>
      </>
    );
  }
  const detail = registration.state.status === 'ok' ? registration.state.value : shown.current;
  if (detail === undefined) return <></>;
  const profile = profiles.state.status === 'ok' ? profiles.state.value.find((p) => p.id === detail.registration.provider) : undefined;
  return <WizardBody initial={detail} profile={profile} step={step} />;
}
