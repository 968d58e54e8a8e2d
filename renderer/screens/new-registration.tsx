/** Starting a draft: provider, then environment, then the application's name. */
import { useState, type FormEvent, type ReactElement } from 'react';
import type { ErrorPayload } from '../../contract/errors';
import type { Profile as ProfileSummary } from '../types';
import { ErrorNotice } from '../components/error-notice';
import { call, useOperation } from '../hooks/use-operation';
import { hrefFor, navigate } from '../hooks/use-route';

function defaultEnvironmentOf(profile: ProfileSummary | undefined): string {
  if (!profile) return '';
  return profile.environments.some((env) => env.id === profile.defaultEnvironment) ? profile.defaultEnvironment : (profile.environments[0]?.id ?? '');
}

function CreateForm({ profiles }: { profiles: ProfileSummary[] }): ReactElement {
  const [providerId, setProviderId] = useState(profiles[0]?.id ?? '');
  const provider = profiles.find((p) => p.id === providerId);
  const [environmentId, setEnvironmentId] = useState(defaultEnvironmentOf(profiles[0]));
  const environment = provider?.environments.find((e) => e.id === environmentId);
  const [clientName, setClientName] = useState('');
  const [discoveryUrl, setDiscoveryUrl] = useState('');
  const [nameMissing, setNameMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorPayload | undefined>(undefined);

  const chooseProvider = (id: string) => {
    setProviderId(id);
    setEnvironmentId(defaultEnvironmentOf(profiles.find((p) => p.id === id)));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (clientName.trim() === '') {
      setNameMissing(true);
      document.getElementById('new-client-name')?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    const result = await call('createRegistration', {
      provider: providerId,
      environment: environmentId,
      clientName: clientName.trim(),
      ...(environment?.discoveryUrl === undefined && discoveryUrl.trim() !== '' ? { discoveryUrl: discoveryUrl.trim() } : {}),
    });
    setBusy(false);
    if (result.ok) navigate({ name: 'registration', id: result.value.registration.id, step: 'basics' });
    else setError(result.error);
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <fieldset className="choice-group">
        <legend>1. Identity provider</legend>
        {profiles.map((profile) => (
          <label key={profile.id} className="choice">
            <input type="radio" name="provider" value={profile.id} checked={profile.id === providerId} onChange={() => chooseProvider(profile.id)} />
            <span className="choice-text">
              <span className="choice-title">{profile.name}</span>
              <span className="choice-description">{profile.description}</span>
            </span>
          </label>
        ))}
      </fieldset>

      {provider && (
        <fieldset className="choice-group">
          <legend>2. Environment</legend>
          {provider.environments.map((env) => (
            <label key={env.id} className="choice">
              <input type="radio" name="environment" value={env.id} checked={env.id === environmentId} onChange={() => setEnvironmentId(env.id)} />
              <span className="choice-text">
                <span className="choice-title">{env.label}</span>
                <span className="choice-description">{env.description}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}

      {environment && environment.discoveryUrl === undefined && (
        <div className="field">
          <label htmlFor="new-discovery-url">Discovery URL (optional)</label>
          <p className="field-help" id="new-discovery-url-help">
            No discovery document is published for this environment. If the provider gave you one, enter it so its algorithms and endpoints are used.
          </p>
          <input
            id="new-discovery-url"
            type="url"
            inputMode="url"
            spellCheck={false}
            aria-describedby="new-discovery-url-help"
            value={discoveryUrl}
            onChange={(event) => setDiscoveryUrl(event.target.value)}
            placeholder="https://provider.example/.well-known/openid-configuration"
          />
        </div>
      )}

      <div className="field">
        <label htmlFor="new-client-name">3. Client name</label>
        <p className="field-help" id="new-client-name-help">
          The name of your application as users and the provider will see it (client_name).
        </p>
        <input
          id="new-client-name"
          type="text"
          autoComplete="off"
          required
          aria-invalid={nameMissing ? true : undefined}
          aria-describedby={nameMissing ? 'new-client-name-help new-client-name-error' : 'new-client-name-help'}
          value={clientName}
          onChange={(event) => {
            setClientName(event.target.value);
            if (event.target.value.trim() !== '') setNameMissing(false);
          }}
        />
        {nameMissing && (
          <p className="field-error" id="new-client-name-error">
            Enter a client name; you can change it later.
          </p>
        )}
      </div>

      {error !== undefined && <ErrorNotice error={error} />}

      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create registration'}
        </button>
        <a className="button button-secondary" href={hrefFor({ name: 'registrations' })}>
          Cancel
        </a>
      </div>
    </form>
  );
}

/** The New registration page. */
export function NewRegistrationScreen(): ReactElement {
  const profiles = useOperation('listProfiles');
  return (
    <>
      <p className="breadcrumb">
        <a href={hrefFor({ name: 'registrations' })}>Registrations</a>
      </p>
      <h1 tabIndex={-1}>New registration</h1>
      <p className="lede">Choose who you are registering with and where; you will fill in the rest in the next steps, with each value checked as you type.</p>
      {profiles.state.status === 'loading' && <p role="status">Loading providers…</p>}
      {profiles.state.status === 'error' && <ErrorNotice error={profiles.state.error} />}
      {profiles.state.status === 'ok' && <CreateForm profiles={profiles.state.value} />}
    </>
  );
}
