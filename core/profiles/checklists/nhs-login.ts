/**
 * NHS login: the sandpit request form, the Integration Environment Request form (ODS code, DSPT)
 * and going live. NHS login takes the public key as PEM text pasted into its forms and allocates a
 * client_id only (no secret). Facts: project reference `domain.md`, Corrections.
 */
import type { Checklist, ChecklistField } from './checklist-schema';
import { SOURCES as S } from '../sources';

const SANDPIT_FORM_URL = 'https://forms.office.com/e/HaKHCGFBxP';

const publicKey: ChecklistField = {
  id: 'public-key',
  label: 'Public key (PEM, pasted as plain text)',
  answer: { from: 'key', member: 'public_pem' },
  note: 'The whole PEM including the BEGIN/END lines. Never the private key.',
};
const redirectUris: ChecklistField = { id: 'redirect-uris', label: 'Redirect URI(s)', answer: { from: 'metadata', member: 'redirect_uris' }, note: 'https only, exact match, no query string.' };
const clientName: ChecklistField = { id: 'client-name', label: 'Client friendly name', answer: { from: 'metadata', member: 'client_name' } };
const contactEmail: ChecklistField = { id: 'contact-email', label: 'Contact e-mail address', answer: { from: 'metadata', member: 'contacts' } };
const scopes: ChecklistField = { id: 'scopes', label: 'Scopes', answer: { from: 'metadata', member: 'scope', whenMissing: 'openid (add the others your service needs, e.g. profile)' } };
const organisation: ChecklistField = { id: 'organisation', label: 'Organisation name', answer: { from: 'you', hint: 'Your organisation as NHS knows it.' } };
const contactName: ChecklistField = { id: 'contact-name', label: 'Contact name', answer: { from: 'you', hint: 'The person NHS login should contact.' } };

/** NHS login checklists: sandpit, integration, live. */
export const nhsLoginChecklists: readonly Checklist[] = [
  {
    provider: 'nhs-login',
    environment: 'sandpit',
    intro: 'Request a sandpit client with NHS login\'s online sandpit request form; the public key is pasted into the form as PEM text.',
    package: {
      role: 'record',
      text: 'The sandpit form takes values, not files: paste each value from the submission checklist into the form. Keep this .zip as the signed record of what you sent; support can check it with `oidc-onboard verify-package`.',
    },
    items: [
      {
        id: 'sandpit-form',
        title: 'Fill in the NHS login sandpit request form',
        where: { kind: 'form', name: 'NHS login sandpit request form', url: SANDPIT_FORM_URL },
        detail:
          'NHS\'s "integrating to sandpit" page links this form. It asks for a friendly name, the redirect URI(s), the public key for validating your signed JWTs and the scopes; requests are processed within about 24 hours.',
        fields: [
          organisation,
          contactEmail,
          clientName,
          contactName,
          { id: 'client-id', label: 'Client ID (proposed)', answer: { from: 'you', hint: 'Optional: the client_id you would like; NHS login allocates the final one.' } },
          redirectUris,
          publicKey,
          { id: 'refresh-token', label: 'Refresh token', answer: { from: 'you', hint: 'Yes or No: whether your service needs refresh tokens.' } },
          scopes,
        ],
        returns: 'An e-mail with your sandpit client_id (NHS login issues no secret) and access to test users.',
        source: S.nhsLoginSandpit,
        corroboration: [S.nhsLoginFormNotes, S.nhsLoginPem],
      },
    ],
  },
  {
    provider: 'nhs-login',
    environment: 'integration',
    intro: 'Integration needs an ODS code, a DSPT submission and the Integration Environment Request form.',
    package: {
      role: 'record',
      text: 'The Integration Environment Request form takes values, not files: paste each value from the submission checklist into it. Keep this .zip as the signed record of what you sent; support can check it with `oidc-onboard verify-package`.',
    },
    items: [
      {
        id: 'ods-code',
        title: 'Have your organisation\'s ODS code ready',
        where: { kind: 'portal', name: 'Organisation Data Service (ODS)' },
        detail: 'NHS login asks for your organisation\'s ODS code before it gives access to the integration environment.',
        fields: [{ id: 'ods-code', label: 'ODS code', answer: { from: 'you', hint: 'Your organisation\'s ODS code (look it up in the ODS service, or ask your information governance lead).' } }],
        source: S.nhsLoginIntegrate,
        corroboration: [S.nhsLoginEnvironments],
      },
      {
        id: 'dspt',
        title: 'Complete a Data Security and Protection Toolkit (DSPT) submission',
        where: { kind: 'portal', name: 'Data Security and Protection Toolkit' },
        detail: 'Integration access needs a DSPT submission for your organisation.',
        fields: [{ id: 'dspt', label: 'DSPT submission', answer: { from: 'you', hint: 'The status or reference of your organisation\'s latest DSPT submission.' } }],
        source: S.nhsLoginIntegrate,
        corroboration: [S.nhsLoginEnvironments],
      },
      {
        id: 'integration-form',
        title: 'Fill in the Integration Environment Request form',
        where: { kind: 'form', name: 'NHS login Integration Environment Request form (linked from the integration toolkit)' },
        detail: 'Use a new key pair for integration (not the sandpit one): paste its public key as PEM text.',
        fields: [
          organisation,
          { id: 'ods-code', label: 'ODS code', answer: { from: 'you', hint: 'From the item above.' } },
          contactEmail,
          clientName,
          redirectUris,
          publicKey,
          scopes,
        ],
        returns: 'Your integration client_id (no secret) and access to the integration environment for conformance testing.',
        source: S.nhsLoginIntegrate,
        corroboration: [S.nhsLoginEnvironments, S.nhsLoginPem],
      },
    ],
  },
  {
    provider: 'nhs-login',
    environment: 'live',
    intro: 'Live access follows Partner Integration Board approval; NHS login allocates the live client_id.',
    package: {
      role: 'attach',
      text: 'NHS login takes the live values by hand: send them as the submission checklist lists them, through your NHS login onboarding contact. You may attach this .zip and quote its SHA-256 so the recipient can confirm they received the same file; anyone can check it with `oidc-onboard verify-package <file>`.',
    },
    items: [
      {
        id: 'live-approval',
        title: 'Get Partner Integration Board approval',
        where: { kind: 'e-mail', name: 'Your NHS login onboarding contact' },
        detail: 'Live follows conformance testing in integration and approval by NHS login\'s Partner Integration Board.',
        fields: [],
        returns: 'Approval to go live.',
        source: S.nhsLoginEnvironments,
      },
      {
        id: 'live-values',
        title: 'Send the live values with a new key pair',
        where: { kind: 'e-mail', name: 'Your NHS login onboarding contact' },
        detail: 'Use a key pair made for live only; the redirect URIs must be your production URLs.',
        fields: [clientName, redirectUris, publicKey, scopes, contactEmail],
        returns: 'The live client_id (no secret).',
        source: S.nhsLoginEnvironments,
        corroboration: [S.nhsLoginEisPage, S.nhsLoginPem],
      },
    ],
  },
];
