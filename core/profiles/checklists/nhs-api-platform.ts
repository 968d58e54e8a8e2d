/**
 * NHS England API platform (signed JWT): the Developer Hub steps (create the application, add the
 * API, set the Public key URL; where the API key appears and how it differs from the application
 * id) and the NHS-hosted JWKS alternative (NHSDigital/identity-service-jwks). Facts: project
 * reference `domain.md`, Corrections.
 */
import type { Checklist, ChecklistItem } from './checklist-schema';
import { SOURCES as S } from '../sources';

function items(envName: string): ChecklistItem[] {
  return [
    {
      id: 'create-app',
      title: `Create an application for ${envName} in the Developer Hub`,
      where: { kind: 'portal', name: 'NHS England Developer Hub → My applications and teams' },
      detail:
        'Each environment has its own application. Its page shows an Application ID (a UUID): that is not the API key. NHS needs the Application ID only if it hosts your JWKS for you.',
      fields: [
        { id: 'application-name', label: 'Application name', answer: { from: 'metadata', member: 'client_name' } },
        { id: 'environment', label: 'Environment', answer: { from: 'registration', member: 'environment' } },
      ],
      returns: 'The application, with its Application ID (UUID).',
      source: S.apiSignedJwtGuide,
    },
    {
      id: 'add-api',
      title: 'Add the API you will call to the application',
      where: { kind: 'portal', name: 'Developer Hub → your application → APIs → Add APIs' },
      detail:
        'Once an API is added, the application page shows its API key ("Key"). The API key is the iss and sub of every client assertion you sign — not the Application ID, and not a CIS2 client_id. Store it with `oidc-onboard credentials save` as this registration\'s client ID.',
      fields: [{ id: 'api', label: 'API', answer: { from: 'you', hint: 'The API from the NHS API catalogue that your application calls.' } }],
      returns: 'The API key, shown on the application page under the API (the assertion\'s iss and sub).',
      source: S.apiSignedJwtGuide,
    },
    {
      id: 'public-key-url',
      title: 'Set the Public key URL to your jwks_uri',
      where: { kind: 'portal', name: 'Developer Hub → your application → Public key URL → Edit' },
      detail:
        'The platform fetches your JWKS from this URL and finds the key by the kid in your assertion\'s header; without a Public key URL every token request fails with 403 "You need to register a public key". The platform caches your JWKS for up to an hour, so a new key may be unseen for 3600 s.',
      fields: [
        { id: 'public-key-url', label: 'Public key URL', answer: { from: 'metadata', member: 'jwks_uri' } },
        { id: 'kid', label: 'kid your assertions carry', answer: { from: 'key', member: 'kid' } },
      ],
      returns: 'Nothing: the next token request uses the keys at that URL.',
      source: S.apiSignedJwtGuide,
      corroboration: [S.apiPublicKeyMissing, S.apiJwksCache],
    },
    {
      id: 'nhs-hosted-jwks',
      title: 'Or ask NHS to host your JWKS',
      where: { kind: 'repository', name: 'NHSDigital/identity-service-jwks (NHS adds the key on your behalf)' },
      detail:
        'Instead of publishing a jwks_uri yourself, send NHS the four inputs of its make_jwk.py; NHS adds the key to jwks/<environment>/<Application ID>.json and you set that file\'s URL as the Public key URL. `oidc-onboard keys hosting-request <id> --app-id <uuid> --out <dir>` writes exactly these inputs. NHS\'s expiry check reads a YYYY-MM-DD date in the kid and raises a ticket 60 days before it.',
      fields: [
        { id: 'kid', label: 'KEY_ID (kid)', answer: { from: 'key', member: 'kid' } },
        { id: 'environment', label: 'ENV', answer: { from: 'registration', member: 'nhs_jwks_environment' } },
        { id: 'app-id', label: 'APP_ID (the Application ID, a UUID v4)', answer: { from: 'you', hint: 'The Application ID on your Developer Hub application page (not the API key).' } },
        { id: 'public-key', label: 'PUBLIC_KEY_FILE (PEM public key, RSA 4096 recommended)', answer: { from: 'key', member: 'public_pem' } },
      ],
      returns: 'A URL under raw.githubusercontent.com/NHSDigital/identity-service-jwks to set as the Public key URL.',
      source: S.apiHostedJwksScript,
      corroboration: [S.apiHostedJwksOwners, S.apiHostedJwksExpiry],
      optional: true,
      alternativeTo: 'public-key-url',
    },
  ];
}

const PACKAGE_TEXT =
  'The Developer Hub takes values, not files: set each one yourself (copy them from the submission checklist). Keep this .zip as the signed record of what you set; support can check it with `oidc-onboard verify-package`.';

/** API platform checklists: INT and production. */
export const apiPlatformChecklists: readonly Checklist[] = [
  {
    provider: 'nhs-api-platform',
    environment: 'int',
    intro: 'Self-service in the NHS Developer Hub: an application per environment, the API added to it, and your Public key URL (or an NHS-hosted JWKS).',
    package: { role: 'record', text: PACKAGE_TEXT },
    items: items('Integration (INT)'),
  },
  {
    provider: 'nhs-api-platform',
    environment: 'live',
    intro: 'Production uses its own Developer Hub application, API key and key pair — never the INT ones.',
    package: { role: 'record', text: PACKAGE_TEXT },
    items: items('Production'),
  },
];
