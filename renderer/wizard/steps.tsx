/** The wizard's step panels. Each edits part of the draft and shows the findings for its fields. */
import type { ReactElement } from 'react';
import type { Finding } from '../../contract/schemas/findings';
import type { Detail as RegistrationDetail, Environment, Profile as ProfileSummary } from '../types';
import { FieldFindings, FindingItem, bySeverity } from '../components/findings';
import { Icon } from '../components/icons';
import { hrefFor } from '../hooks/use-route';
import { EndpointCheck } from './endpoint-check';
import { CheckboxField, ListEditor, SelectField, TextArea, TextField } from './fields';
import { findingsAt, findingsExactly } from './findings-index';
import { flagOf, listOf, textOf, withValue, type Metadata } from './metadata';
import { STEP_TITLES, stepOf, usesField, type WizardStep } from './wizard-steps';

/** What every step panel receives. */
export interface StepProps {
  detail: RegistrationDetail;
  profile: ProfileSummary | undefined;
  /** The draft's environment in its profile (auth methods and key rules are per environment). */
  environment: Environment | undefined;
  metadata: Metadata;
  notes: string;
  findings: readonly Finding[];
  setMetadata: (next: Metadata) => void;
  setNotes: (next: string) => void;
  /** The steps this draft's provider uses (findings of a step not shown go to Review). */
  steps: readonly WizardStep[];
}

// What each method means, shown under the field for the chosen one: in the option itself it would
// be cut off by a narrow window's select box.
const AUTH_METHOD_MEANINGS: Record<string, string> = {
  private_key_jwt: 'a JWT signed with your private key',
  client_secret_basic: 'a shared secret in the Authorization header',
  client_secret_post: 'a shared secret in the request body',
  client_secret_jwt: 'a JWT signed with a shared secret',
  none: 'a public client with no credential',
};

/** Findings on the step's members that no field on the step shows (e.g. an unknown sub-path). */
function StepLevelFindings({ findings, members }: { findings: readonly Finding[]; members: readonly string[] }): ReactElement | null {
  const shown = findings.filter((finding) => members.some((member) => finding.path === member || finding.path.startsWith(`${member}[`)));
  const rest = findings.filter((finding) => !shown.includes(finding) && members.some((member) => finding.path.startsWith(`${member}.`)));
  if (rest.length === 0) return null;
  return (
    <ul className="findings">
      {rest.map((finding, index) => (
        <FindingItem key={index} finding={finding} showPath />
      ))}
    </ul>
  );
}

/** Basics: name, application type, contacts, notes. */
export function BasicsStep({ metadata, notes, findings, setMetadata, setNotes }: StepProps): ReactElement {
  return (
    <>
      <TextField
        id="field-client-name"
        label="Client name"
        help="Your application’s name as users and the provider will see it (client_name)."
        path="client_name"
        findings={findings}
        value={textOf(metadata, 'client_name')}
        onChange={(value) => setMetadata(withValue(metadata, 'client_name', value))}
      />
      <SelectField
        id="field-application-type"
        label="Application type"
        help="web for server-side applications; native for desktop and mobile apps (application_type)."
        path="application_type"
        findings={findings}
        value={textOf(metadata, 'application_type')}
        unsetLabel="Not set (web by default)"
        options={[
          { value: 'web', label: 'web' },
          { value: 'native', label: 'native' },
        ]}
        onChange={(value) => setMetadata(withValue(metadata, 'application_type', value))}
      />
      <ListEditor
        id="field-contacts"
        label="Contacts"
        help="E-mail addresses of people responsible for this client (contacts)."
        path="contacts"
        findings={findings}
        items={listOf(metadata, 'contacts')}
        itemLabel="Contact"
        addLabel="Add contact"
        type="email"
        placeholder="name@example.org"
        onChange={(items) => setMetadata(withValue(metadata, 'contacts', items.length === 0 ? undefined : items))}
      />
      <TextArea
        id="field-notes"
        label="Notes"
        help="For you only: never sent to the provider."
        path="notes"
        findings={findings}
        value={notes}
        onChange={setNotes}
      />
    </>
  );
}

/** Redirect URIs: a list editor with per-row findings. */
export function RedirectUrisStep({ profile, metadata, findings, setMetadata }: StepProps): ReactElement {
  return (
    <>
      {profile?.uses.redirectUris === false && (
        <div className="notice notice-warning" data-testid="redirect-uris-unused">
          <Icon name="warning" className="notice-icon" />
          <div>
            <p className="notice-title">{profile.name} does not use redirect URIs.</p>
            <p>Its client-credentials grant has no browser redirect. These were set elsewhere (the CLI or an import): remove them.</p>
          </div>
        </div>
      )}
      <ListEditor
        id="field-redirect-uris"
        label="Redirect URIs"
        help="Where the provider may send users back after sign-in. Each must match exactly what your application sends (redirect_uris)."
        path="redirect_uris"
        findings={findings}
        items={listOf(metadata, 'redirect_uris')}
        itemLabel="Redirect URI"
        addLabel="Add redirect URI"
        type="url"
        placeholder="https://app.example.org/callback"
        onChange={(items) => setMetadata(withValue(metadata, 'redirect_uris', items.length === 0 ? undefined : items))}
      />
      <StepLevelFindings findings={findings} members={['redirect_uris']} />
    </>
  );
}

/** Keys & authentication: auth method, signing algorithm, jwks_uri (or the PEM note). */
export function KeysStep({ profile, environment, metadata, findings, setMetadata }: StepProps): ReactElement {
  const keys = environment?.keys;
  const method = textOf(metadata, 'token_endpoint_auth_method');
  const effectiveMethod = method === '' ? (profile?.defaultAuthMethod ?? '') : method;
  const usesKey = effectiveMethod === 'private_key_jwt';
  return (
    <>
      <SelectField
        id="field-auth-method"
        label="Client authentication method"
        help={`How your backend proves who it is when it calls the token endpoint (token_endpoint_auth_method).${AUTH_METHOD_MEANINGS[effectiveMethod] ? ` ${effectiveMethod}: ${AUTH_METHOD_MEANINGS[effectiveMethod]}.` : ''}`}
        path="token_endpoint_auth_method"
        findings={findings}
        value={method}
        unsetLabel={profile ? `Not set (provider default: ${profile.defaultAuthMethod})` : 'Not set'}
        options={(environment?.authMethods ?? Object.keys(AUTH_METHOD_MEANINGS).map((method) => ({ method, status: 'allowed' as const }))).map((policy) => ({
          value: policy.method,
          label: `${policy.method}${policy.status === 'recommended' ? ' (recommended)' : policy.status === 'discouraged' ? ' (discouraged)' : ''}`,
        }))}
        onChange={(value) => setMetadata(withValue(metadata, 'token_endpoint_auth_method', value))}
      />
      {usesKey && (
        <SelectField
          id="field-signing-alg"
          label="Signing algorithm"
          help={`The algorithm your client assertions are signed with (token_endpoint_auth_signing_alg).${keys?.algsPublished === false ? ' The provider does not publish its list; see the note below.' : ''}`}
          path="token_endpoint_auth_signing_alg"
          findings={findings}
          value={textOf(metadata, 'token_endpoint_auth_signing_alg')}
          unsetLabel={keys ? `Not set (provider default: ${keys.defaultAlg})` : 'Not set'}
          options={(keys?.allowedAlgs ?? []).map((alg) => ({ value: alg, label: alg }))}
          onChange={(value) => setMetadata(withValue(metadata, 'token_endpoint_auth_signing_alg', value))}
        />
      )}
      {keys?.keySource === 'pem' ? (
        <div className="notice notice-info" data-path="jwks_uri">
          <Icon name="info" className="notice-icon" />
          <div>
            <p className="notice-title">{profile?.name ?? 'This provider'} takes your public key as a PEM file, not a jwks_uri.</p>
            <p>You send the public key with your request; the private key stays with you. There is no URL to enter here.</p>
            <FieldFindings id="field-jwks-uri-findings" findings={findingsAt(findings, 'jwks_uri')} />
          </div>
        </div>
      ) : (
        <TextField
          id="field-jwks-uri"
          label="jwks_uri"
          type="url"
          help="The https URL where you publish your public key set; the provider fetches your keys from it."
          path="jwks_uri"
          findings={findings}
          placeholder="https://app.example.org/.well-known/jwks.json"
          value={textOf(metadata, 'jwks_uri')}
          onChange={(value) => setMetadata(withValue(metadata, 'jwks_uri', value))}
        />
      )}
      {findingsExactly(findings, 'jwks').length > 0 && (
        <ul className="findings">
          {findingsExactly(findings, 'jwks').map((finding, index) => (
            <FindingItem key={index} finding={finding} showPath />
          ))}
        </ul>
      )}
    </>
  );
}

/** Optional: links shown to users, signed userinfo, back-channel logout. */
export function OptionalStep({ profile, environment, metadata, findings, setMetadata }: StepProps): ReactElement {
  const context = { profile, environment, metadata };
  const url = (key: string, label: string, help: string, id: string) => (
    <TextField id={id} label={label} type="url" help={help} path={key} findings={findings} value={textOf(metadata, key)} onChange={(value) => setMetadata(withValue(metadata, key, value))} />
  );
  return (
    <>
      <p className="muted">Leave any of these empty if you do not need them.</p>
      {url('logo_uri', 'Logo URL', 'An https image the provider may show on its sign-in page (logo_uri).', 'field-logo-uri')}
      {url('policy_uri', 'Privacy policy URL', 'Where users can read how you use their data (policy_uri).', 'field-policy-uri')}
      {url('tos_uri', 'Terms of service URL', 'Where users can read your terms (tos_uri).', 'field-tos-uri')}
      {usesField(context, 'userinfo_signed_response_alg') && <SelectField
        id="field-userinfo-alg"
        label="Signed userinfo algorithm"
        help="Ask for the userinfo response as a signed JWT with this algorithm; leave unset for plain JSON (userinfo_signed_response_alg)."
        path="userinfo_signed_response_alg"
        findings={findings}
        value={textOf(metadata, 'userinfo_signed_response_alg')}
        unsetLabel="Not set (plain JSON)"
        options={USERINFO_ALGS.map((alg) => ({ value: alg, label: alg }))}
        onChange={(value) => setMetadata(withValue(metadata, 'userinfo_signed_response_alg', value))}
      />}
      {usesField(context, 'backchannel_logout_uri') && url('backchannel_logout_uri', 'Back-channel logout URL', 'The https endpoint the provider calls when a user’s session ends (backchannel_logout_uri).', 'field-backchannel-logout-uri')}
      {usesField(context, 'backchannel_logout_uri') && <EndpointCheck url={textOf(metadata, 'backchannel_logout_uri')} purpose="back-channel logout URI" />}
      {usesField(context, 'backchannel_logout_session_required') && <CheckboxField
        id="field-backchannel-session"
        label="Require the session ID (sid) in logout tokens"
        help="Logout tokens must then say which session ended (backchannel_logout_session_required)."
        path="backchannel_logout_session_required"
        findings={findings}
        checked={flagOf(metadata, 'backchannel_logout_session_required')}
        onChange={(checked) => setMetadata(withValue(metadata, 'backchannel_logout_session_required', checked))}
      />}
    </>
  );
}

// The provider signs userinfo, so any of its asymmetric algorithms may be asked for; the rule
// engine reports which the provider actually supports.
const USERINFO_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];

const GROUPS: { severity: Finding['severity']; heading: string }[] = [
  { severity: 'error', heading: 'Errors' },
  { severity: 'warning', heading: 'Warnings' },
  { severity: 'info', heading: 'Notes' },
];

/** Review: every finding grouped by severity, each with a way to the step that fixes it. */
export function ReviewStep({ detail, findings, steps }: StepProps): ReactElement {
  const groups = bySeverity(findings);
  const id = detail.registration.id;
  // A jwks_uri on a non-public host: never say the values are ready while the provider cannot fetch the keys.
  const unreachable = findings.some((finding) => finding.code === 'jwks_uri.not_public' || finding.code === 'jwks_uri.not_public_for_provider');
  return (
    <>
      {findings.length === 0 ? (
        <div className="notice notice-success">
          <Icon name="check" className="notice-icon" />
          <div>
            <p className="notice-title">No findings.</p>
            <p>These values meet every rule we know for {detail.providerName}.</p>
          </div>
        </div>
      ) : (
        <p className={groups.error.length > 0 ? 'summary summary-error' : 'summary'}>
          {groups.error.length > 0
            ? `${groups.error.length} error${groups.error.length === 1 ? '' : 's'} to fix before you submit. `
            : unreachable
              ? 'No errors in the values, but the provider may not be able to reach your jwks_uri (see the warning): it can use your keys only once it can fetch them. '
              : 'No errors: the values can be submitted. '}
          {groups.warning.length > 0 && `${groups.warning.length} warning${groups.warning.length === 1 ? '' : 's'} to consider.`}
        </p>
      )}
      {GROUPS.map(({ severity, heading }) =>
        groups[severity].length === 0 ? null : (
          <section key={severity} className={`review-group review-${severity}`} aria-labelledby={`review-${severity}`}>
            <h3 id={`review-${severity}`}>
              {heading} ({groups[severity].length})
            </h3>
            <ul className="findings">
              {groups[severity].map((finding, index) => {
                const step = stepOf(finding, steps);
                return (
                  <li key={index} className="review-item">
                    <ul className="findings">
                      <FindingItem finding={finding} showPath />
                    </ul>
                    {step !== 'review' && (
                      <a className="review-go" href={hrefFor({ name: 'registration', id, step })}>
                        Go to {STEP_TITLES[step]}
                        <span className="visually-hidden"> to fix {finding.path}</span>
                      </a>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        ),
      )}
    </>
  );
}
