/** Operations on the credentials the provider issued, the client assertion helper and diagnostics (issue 7). */
import { z } from 'zod';
import { defineOperation } from '../ipc';

const id = z.string().min(1).max(200);

/** The non-secret view of stored credentials. */
export const credentialViewSchema = z.object({
  registrationId: z.string(),
  clientId: z.string(),
  receivedAt: z.string(),
  notes: z.string(),
  hasSecret: z.boolean(),
  /** The provider's name for `clientId`: "Client ID", or "API key" for the NHS England API platform. */
  identifierLabel: z.string(),
  /** Whether the provider issues a secret for this registration's auth method. */
  secretIssued: z.boolean(),
  /** The API platform's application id (a UUID), when recorded. */
  applicationId: z.string().optional(),
  /** The KID the registration is tied to (API platform), when recorded. */
  kid: z.string().optional(),
  /** "macOS Keychain", "Windows Credential Manager" or "Secret Service (GNOME Keyring)". */
  storedIn: z.string(),
  service: z.string(),
  account: z.string(),
});

/** `credentials:show` — never the secret. */
export const showCredentials = defineOperation({
  channel: 'credentials:show',
  summary: 'The saved Client ID and where its secret is kept (never the secret).',
  request: z.object({ id }).strict(),
  response: credentialViewSchema.nullable(),
});

/** `credentials:save` — save, or replace with `replace: true` (the confirmation). */
export const saveCredentials = defineOperation({
  channel: 'credentials:save',
  summary: 'Save (or replace) what the provider issued: the Client ID (API key for the API platform), and the secret only where one is issued.',
  request: z
    .object({
      id,
      clientId: z.string().max(512),
      /** Only where the provider issues a secret; refused (VALIDATION_FAILED) where it does not. */
      secret: z.string().max(1024).optional(),
      applicationId: z.string().max(512).optional(),
      kid: z.string().max(512).optional(),
      notes: z.string().max(5000).optional(),
      receivedAt: z.string().max(40).optional(),
      replace: z.boolean().optional(),
    })
    .strict(),
  response: credentialViewSchema.extend({ replaced: z.boolean(), warnings: z.array(z.string()) }),
});

/** `credentials:reveal` — the only operation that returns a secret, on an explicit user action. */
export const revealCredentialSecret = defineOperation({
  channel: 'credentials:reveal',
  summary: 'Reveal the client secret (on purpose only).',
  request: z.object({ id }).strict(),
  response: z.object({ secret: z.string() }),
});

/** `credentials:copy-secret` — the main process copies it and clears the clipboard later. */
export const copyCredentialSecret = defineOperation({
  channel: 'credentials:copy-secret',
  summary: 'Copy the client secret; the clipboard is cleared after the configured time.',
  request: z.object({ id }).strict(),
  response: z.object({ copied: z.boolean(), clearAfterSeconds: z.number().int() }),
});

/** `credentials:delete`. */
export const deleteCredentials = defineOperation({
  channel: 'credentials:delete',
  summary: 'Delete the saved Client ID and secret.',
  request: z.object({ id, confirm: z.literal(true) }).strict(),
  response: z.object({ registrationId: z.string(), clientId: z.string(), keychainItemRemoved: z.boolean() }),
});

const assertionRequest = z.object({ id, audience: z.string().max(2048).optional(), clientId: z.string().max(512).optional(), unlockPassphrase: z.string().max(1024).optional() }).strict();

/** `credentials:assertion` — an RFC 7523 client assertion with its decoded parts and a curl command. */
export const createAssertion = defineOperation({
  channel: 'credentials:assertion',
  summary: 'Sign a client assertion for the token endpoint with the active key.',
  request: assertionRequest,
  response: z.object({
    jwt: z.string(),
    header: z.object({ alg: z.string(), kid: z.string(), typ: z.literal('JWT') }),
    claims: z.object({ iss: z.string(), sub: z.string(), aud: z.string(), jti: z.string(), iat: z.number(), exp: z.number() }),
    grantType: z.enum(['client_credentials', 'authorization_code']),
    curl: z.string(),
    expiresAt: z.string(),
    warnings: z.array(z.string()),
  }),
});

/** `credentials:probe` — an explicit, never automatic, request to the live token endpoint. */
export const probeTokenEndpoint = defineOperation({
  channel: 'credentials:probe',
  summary: 'Ask the token endpoint whether it accepts our client authentication.',
  request: assertionRequest.extend({ caPem: z.string().max(500_000).optional(), allowPrivateNetwork: z.boolean().optional() }),
  response: z.object({
    verdict: z.enum(['accepted', 'refused', 'inconclusive']),
    tokenEndpoint: z.string(),
    status: z.number(),
    error: z.string().optional(),
    errorDescription: z.string().optional(),
    location: z.string().optional(),
    explanation: z.string(),
    checks: z.array(z.string()),
    durationMs: z.number(),
    /** This computer's clock against the token endpoint's Date header. */
    clockSkew: z.object({ serverDate: z.string(), localDate: z.string(), skewSeconds: z.number(), exceeds: z.boolean(), warning: z.string().optional() }).optional(),
    /** Plain warnings (clock skew, with how to fix it). */
    warnings: z.array(z.string()),
  }),
});

/** `app:copy-text` — copies non-secret text the window shows (Markdown reports, a JWT, a curl command). */
export const copyText = defineOperation({
  channel: 'app:copy-text',
  summary: 'Copy text to the clipboard.',
  request: z.object({ text: z.string().max(2_000_000), sensitive: z.boolean().optional() }).strict(),
  response: z.object({ copied: z.boolean(), clearAfterSeconds: z.number().int().optional() }),
});

/** `settings:preferences` — read, and optionally change, the user's preferences. */
export const preferences = defineOperation({
  channel: 'settings:preferences',
  summary: 'Read or change preferences (clipboard clearing time, theme).',
  request: z.object({ clipboardClearSeconds: z.number().int().min(5).max(600).optional(), theme: z.enum(['system', 'light', 'dark']).optional() }).strict(),
  response: z.object({ clipboardClearSeconds: z.number().int(), theme: z.enum(['system', 'light', 'dark']) }),
});

/** `diagnostics:save` — a redacted bundle for support, saved where the user chooses. */
export const saveDiagnostics = defineOperation({
  channel: 'diagnostics:save',
  summary: 'Save a redacted diagnostics bundle for support.',
  request: z.object({}).strict(),
  response: z.object({ saved: z.boolean(), path: z.string().optional(), sha256: z.string().optional(), entries: z.array(z.string()).optional() }),
});
