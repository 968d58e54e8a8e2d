/**
 * Destinations whose capability needs a registration (and keys) first. Each says what it will do
 * for the user and what it needs, and points at where to start.
 */
import type { ReactElement } from 'react';
import { EmptyState } from '../components/empty-state';

function StartAction(): ReactElement {
  return (
    <a className="button button-primary" href="#/registrations">
      Go to Registrations
    </a>
  );
}

/** Open a package. */
export function PackageScreen(): ReactElement {
  return (
    <>
      <h1 tabIndex={-1}>Open a package</h1>
      <p className="lede">A signed request package is the one file you send to the provider to ask for a registration.</p>
      <EmptyState icon="package" heading="No package open" action={<StartAction />}>
        Opening a package verifies its signature, shows the values it asks for and re-runs their checks, so support staff can see exactly what a
        developer sent. You build your own package from a registration once its values are valid and its key is generated.
      </EmptyState>
    </>
  );
}

/** Credentials. */
export function CredentialsScreen(): ReactElement {
  return (
    <>
      <h1 tabIndex={-1}>Credentials</h1>
      <p className="lede">The Client ID and secret a provider issues, kept in your system keychain next to the registration they belong to.</p>
      <EmptyState icon="lock" heading="No credentials stored" action={<StartAction />}>
        When the provider answers your request, store what they sent against its registration; the secret goes to the system keychain and never
        into a file. Start from the registration you submitted.
      </EmptyState>
    </>
  );
}
