/**
 * NHS CIS2 Authentication: what to do in INT and DEP (Connection Manager, after the Team ID) and
 * to go live (the production field list, a signed Connection Agreement, about 2 weeks, and a
 * production configuration that replicates INT). Facts: project reference `domain.md`, Corrections.
 */
import type { Checklist, ChecklistField, ChecklistItem } from './checklist-schema';
import { SOURCES as S } from '../sources';

const SECURITY_PATTERN: Readonly<Record<string, string>> = {
  private_key_jwt: 'Private Key JWT',
  client_secret_post: 'Client Secret',
  client_secret_basic: 'Client Secret',
  client_secret_jwt: 'Client Secret JWT (only on the old registration page)',
};

/** The values Connection Manager and the live request both ask for. */
const CONFIGURATION_FIELDS: readonly ChecklistField[] = [
  { id: 'client-name', label: 'Application (client) name', answer: { from: 'metadata', member: 'client_name' } },
  { id: 'redirect-uris', label: 'Redirect URIs', answer: { from: 'metadata', member: 'redirect_uris' }, note: 'One per line; each must match the redirect_uri your application sends, character for character.' },
  { id: 'security-pattern', label: 'Security pattern (client authentication)', answer: { from: 'metadata', member: 'token_endpoint_auth_method', labels: SECURITY_PATTERN } },
  { id: 'jwks-uri', label: 'JWKS URI', answer: { from: 'metadata', member: 'jwks_uri', whenMissing: 'None (Client Secret pattern)' } },
  { id: 'token-signing-alg', label: 'Token endpoint signing algorithm', answer: { from: 'metadata', member: 'token_endpoint_auth_signing_alg', whenMissing: 'None (Client Secret pattern)' } },
  { id: 'userinfo-signing', label: 'UserInfo signing', answer: { from: 'metadata', member: 'userinfo_signed_response_alg', whenMissing: 'Not signed (plain JSON)' } },
  { id: 'backchannel-logout-uri', label: 'Back-channel logout URI', answer: { from: 'metadata', member: 'backchannel_logout_uri', whenMissing: 'None (no back-channel logout)' } },
  {
    id: 'backchannel-logout-session',
    label: 'Back-channel logout: session id (sid) required',
    answer: { from: 'metadata', member: 'backchannel_logout_session_required', labels: { true: 'Yes', false: 'No' }, whenMissing: 'No' },
  },
];

const teamId: ChecklistItem = {
  id: 'team-id',
  title: 'Send NHS the Team ID from your "Welcome to CIS2" e-mail',
  where: { kind: 'e-mail', name: 'Reply to your NHS CIS2 onboarding contact' },
  detail:
    'Access to Connection Manager, the online tool where you enter Path to Live registrations yourself, is granted after you send the Team ID that came in the "Welcome to CIS2" e-mail. One Team ID covers INT and DEP.',
  fields: [{ id: 'team-id', label: 'Team ID', answer: { from: 'you', hint: 'In the "Welcome to CIS2" e-mail NHS sent when your onboarding started.' } }],
  returns: 'Access to Connection Manager for the Path to Live environments.',
  source: S.cis2RegisterEnvironment,
  corroboration: [S.cis2Onboarding],
};

function connectionManager(envLabel: string): ChecklistItem {
  return {
    id: 'connection-manager',
    title: `Enter the ${envLabel} registration in Connection Manager`,
    where: { kind: 'connection-manager', name: `Connection Manager (${envLabel} environment request)` },
    detail:
      'Connection Manager takes the values one by one and validates nothing before submission: copy each answer (they come from this registration, already validated), and run the jwks_uri check first so CIS2 can fetch your keys.',
    fields: CONFIGURATION_FIELDS,
    returns: 'The client_id for this environment (and a client secret only for the Client Secret pattern). Keep it with `oidc-onboard credentials save`.',
    source: S.cis2RegisterEnvironment,
    corroboration: [S.cis2KeyManagement],
  };
}

const testBackchannel: ChecklistItem = {
  id: 'backchannel-public',
  title: 'Put the back-channel logout endpoint on public DNS with a public certificate',
  where: { kind: 'your-server', name: 'Your back-channel logout endpoint' },
  detail:
    'CIS2 posts logout tokens to it from the internet: the host must be on public DNS, with a certificate for its FQDN that chains to a public root. Skip this item if you do not use back-channel logout.',
  fields: [{ id: 'backchannel-logout-uri', label: 'Back-channel logout URI', answer: { from: 'metadata', member: 'backchannel_logout_uri', whenMissing: 'None (no back-channel logout)' } }],
  returns: 'Nothing: CIS2 calls it when a user signs out elsewhere.',
  source: S.cis2TestSoftware,
  optional: true,
};

const testInt: ChecklistItem = {
  id: 'test-your-software',
  title: 'Test against INT and record the results NHS asks for',
  where: { kind: 'your-server', name: 'Your application against CIS2 INT' },
  detail: 'Sign in end to end with the INT client_id and your key (the app\'s "Create a client assertion" helps), then follow NHS\'s test and assurance steps before asking to go live.',
  fields: [
    { id: 'client-id', label: 'INT client_id', answer: { from: 'credentials', member: 'client_id' } },
    { id: 'kid', label: 'kid of your signing key', answer: { from: 'key', member: 'kid' } },
  ],
  returns: 'Evidence for assurance (see NHS\'s "get your software assured").',
  source: S.cis2TestSoftware,
  corroboration: [S.cis2Assurance],
};

const connectionAgreement: ChecklistItem = {
  id: 'connection-agreement',
  title: 'Sign the Connection Agreement',
  where: { kind: 'e-mail', name: 'NHS CIS2 onboarding (the Connection Agreement NHS sends you)' },
  detail: 'NHS configures production only after the Connection Agreement is signed. Allow 2 weeks from your request for the production configuration.',
  fields: [],
  returns: 'NHS starts the production configuration (allow 2 weeks).',
  source: S.cis2GoLive,
};

const liveRequest: ChecklistItem = {
  id: 'production-values',
  title: 'Send NHS the production configuration',
  where: { kind: 'e-mail', name: 'Your NHS CIS2 onboarding contact (NHS configures production; there is no self-service)' },
  detail:
    'Production replicates your INT configuration: give the same choices as INT (security pattern, algorithms, UserInfo signing, back-channel logout) with production URLs. `oidc-onboard compare <int-id> <live-id>` lists what differs. NHS asks for: production redirect URIs, back-channel logout URI, security pattern, JWKS URI, token-endpoint signing algorithm and UserInfo signing.',
  fields: CONFIGURATION_FIELDS.filter((f) => f.id !== 'client-name' && f.id !== 'backchannel-logout-session'),
  returns: 'The production client_id (and a client secret only for the Client Secret pattern), about 2 weeks after the signed Connection Agreement.',
  source: S.cis2GoLive,
};

/** CIS2 checklists: INT, DEP, live. */
export const cis2Checklists: readonly Checklist[] = [
  {
    provider: 'nhs-cis2',
    environment: 'int',
    intro: 'INT is self-service: once NHS has your Team ID you enter the registration yourself in Connection Manager.',
    package: {
      role: 'record',
      text: 'Connection Manager takes values, not files: enter each value yourself (copy them from the submission checklist). Keep this .zip as the signed record of what you entered; support can check it with `oidc-onboard verify-package`.',
    },
    items: [teamId, connectionManager('INT'), testBackchannel, testInt],
  },
  {
    provider: 'nhs-cis2',
    environment: 'dep',
    intro: 'DEP is a Path to Live environment like INT (testing and training, not the preferred one): you enter the registration yourself in Connection Manager.',
    package: {
      role: 'record',
      text: 'Connection Manager takes values, not files: enter each value yourself (copy them from the submission checklist). Keep this .zip as the signed record of what you entered; support can check it with `oidc-onboard verify-package`.',
    },
    items: [
      teamId,
      {
        ...connectionManager('DEP'),
        detail: `${connectionManager('DEP').detail} NHS's discovery page lists the DEP configuration document (host am.nhsdep.auth-ptl.cis2.spineservices.nhs.uk).`,
        corroboration: [S.cis2KeyManagement, S.cis2Discovery],
      },
      testBackchannel,
    ],
  },
  {
    provider: 'nhs-cis2',
    environment: 'live',
    intro: 'Production is configured by NHS, not by you: after a signed Connection Agreement you send the production values, and production replicates your INT configuration. Allow 2 weeks.',
    package: {
      role: 'attach',
      text: 'NHS takes the production values by hand: send them as the submission checklist lists them. You may attach this .zip so NHS can confirm the values were signed by the key you publish; quote its SHA-256 (printed by `oidc-onboard package` and shown in the app) so the recipient can confirm they received the same file. Anyone can check it with `oidc-onboard verify-package <file>`.',
    },
    items: [connectionAgreement, liveRequest, { ...testBackchannel, source: S.cis2TestSoftware, corroboration: [S.cis2GoLive] }],
  },
];
