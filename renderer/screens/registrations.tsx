/** The Registrations list: every draft with where it stands. */
import type { ReactElement } from 'react';
import type { Profile, Summary as RegistrationSummary } from '../types';
import { EmptyState } from '../components/empty-state';
import { ErrorNotice } from '../components/error-notice';
import { Icon, type IconName } from '../components/icons';
import { useOperation } from '../hooks/use-operation';
import { hrefFor } from '../hooks/use-route';
import { findEnvironment, usesJwksUri } from '../key-source';
import { clientNameForDisplay } from '../wizard/metadata';

type Tone = 'ok' | 'warn' | 'error' | 'pending';

function Badge({ tone, label }: { tone: Tone; label: string }): ReactElement {
  const icon: IconName = tone === 'ok' ? 'check' : tone === 'warn' ? 'warning' : tone === 'error' ? 'error' : 'pending';
  return (
    <li className={`badge badge-${tone}`}>
      <Icon name={icon} size={14} />
      {label}
    </li>
  );
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function valuesBadge(status: RegistrationSummary['status']): { tone: Tone; label: string } {
  if (status.errorCount > 0) {
    const warnings = status.warningCount > 0 ? `, ${plural(status.warningCount, 'warning')}` : '';
    return { tone: 'error', label: `Values: ${plural(status.errorCount, 'error')}${warnings}` };
  }
  if (status.warningCount > 0) return { tone: 'warn', label: `Values valid, ${plural(status.warningCount, 'warning')}` };
  return { tone: 'ok', label: 'Values valid' };
}

function jwksBadge(checked: RegistrationSummary['status']['jwksChecked']): { tone: Tone; label: string } {
  switch (checked) {
    case 'never':
      return { tone: 'pending', label: 'jwks_uri checked: not yet' };
    case 'pass':
      return { tone: 'ok', label: 'jwks_uri check passed' };
    case 'warn':
      return { tone: 'warn', label: 'jwks_uri check: warnings' };
    case 'fail':
      return { tone: 'error', label: 'jwks_uri check failed' };
  }
}

function RegistrationCard({ item, profiles }: { item: RegistrationSummary; profiles: readonly Profile[] | undefined }): ReactElement {
  const { registration, status } = item;
  const name = clientNameForDisplay(registration.metadata);
  const values = valuesBadge(status);
  // A provider that takes the public key as a PEM file has no jwks_uri to check: no chip for it.
  const jwks = usesJwksUri(findEnvironment(profiles, registration.provider, registration.environment)) ? jwksBadge(status.jwksChecked) : undefined;
  return (
    <li className="registration-card card">
      <h2 className="registration-card-title">
        <a href={hrefFor({ name: 'registration', id: registration.id, step: 'basics' })}>{name === '' ? 'Unnamed application' : name}</a>
      </h2>
      <p className="registration-card-meta">
        {item.providerName} · {item.environmentName}
      </p>
      <ul className="badges" aria-label="Status">
        <Badge tone={values.tone} label={values.label} />
        <Badge tone={status.keyGenerated ? 'ok' : 'pending'} label={status.keyGenerated ? 'Key generated' : 'Key generated: not yet'} />
        {jwks !== undefined && <Badge tone={jwks.tone} label={jwks.label} />}
        <Badge tone={status.packaged ? 'ok' : 'pending'} label={status.packaged ? 'Packaged' : 'Packaged: not yet'} />
        <Badge tone={status.credentialsStored ? 'ok' : 'pending'} label={status.credentialsStored ? 'Credentials stored' : 'Credentials stored: not yet'} />
      </ul>
      {status.reminders.length > 0 && (
        <ul className="reminders">
          {status.reminders.map((reminder, index) => (
            <li key={index}>{reminder}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The Registrations page. */
export function RegistrationsScreen(): ReactElement {
  const list = useOperation('listRegistrations');
  const profiles = useOperation('listProfiles');
  // A registration added, changed or deleted by the CLI or another window shows up at once: the
  // registrations:changed event invalidates this read (data/query-client.ts).
  const newButton = (
    <a className="button button-primary" href={hrefFor({ name: 'new-registration' })}>
      <Icon name="plus" size={18} />
      New registration
    </a>
  );
  return (
    <>
      <div className="page-title-row">
        <h1 tabIndex={-1}>Registrations</h1>
        {list.state.status === 'ok' && list.state.value.length > 0 && newButton}
      </div>
      <p className="lede">One draft per application and environment: its values, key, checks, package and credentials.</p>
      {(list.state.status === 'loading' || (list.state.status === 'ok' && profiles.state.status === 'loading')) && <p role="status">Loading registrations…</p>}
      {list.state.status === 'error' && <ErrorNotice error={list.state.error} />}
      {list.state.status === 'ok' &&
        profiles.state.status !== 'loading' &&
        (list.state.value.length === 0 ? (
          <EmptyState icon="list" heading="No registrations yet" action={newButton}>
            Start a draft for the provider and environment you are registering with; the app checks each value against that provider’s rules as you
            type.
          </EmptyState>
        ) : (
          <ul className="registration-list">
            {list.state.value.map((item) => (
              <RegistrationCard key={item.registration.id} item={item} profiles={profiles.state.status === 'ok' ? profiles.state.value : undefined} />
            ))}
          </ul>
        ))}
    </>
  );
}
