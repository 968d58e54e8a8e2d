/**
 * The NHS-hosted JWKS route of the API platform (NHSDigital/identity-service-jwks): NHS adds a
 * supplier's public key to `jwks/<env>/<app id>.json` with its `scripts/make_jwk.py`, which takes a
 * PEM public key, a KEY_ID, an ENV and an APP_ID. This module prepares exactly those inputs and the
 * JWK the script would add, and judges a kid the way NHS's `scripts/check_public_key_expiry.py`
 * reads it. Pure: no I/O, no clock (the caller passes `now`).
 *
 * Read at commit d6609ad97d853e905f4fd4f7999d40b11488840a of NHSDigital/identity-service-jwks:
 * - make_jwk.py: `jwk.dumps(pem, kty="RSA", crv_or_size=4096, alg="RS512")` (authlib 1.6.9, pinned
 *   in scripts/poetry.lock), then `kid` and `use: "sig"`. authlib's dict is `n`, `e` (from the key),
 *   `kty`, then the allowed options (`alg`); the script adds `kid` and `use` — that member order is
 *   kept here. An RSA PEM of any size imports; a non-RSA PEM raises in authlib.
 * - ENV must be one of the script's ENVIRONMENTS; APP_ID is checked with `uuid.UUID(app_id, version=4)`.
 * - check_public_key_expiry.py: `DATE_RE = \b(\d{4}-\d{2}-\d{2})\b`, else the kid's first 10
 *   characters, parsed with `%Y-%m-%d`; a ticket is raised when 60 days or fewer are left, and a kid
 *   without a date is reported as "unparsable-kid" (never reminded).
 */
import { AppError } from '../../contract/errors';
import { exportSpkiPem } from './export';
import type { KeyRecord } from './key-record';
import { nhsJwksEnvironment } from '../profiles/checklists/nhs-jwks-environments';

export { NHS_JWKS_SCRIPT_ENVIRONMENTS, nhsJwksEnvironment, type NhsJwksEnvironment } from '../profiles/checklists/nhs-jwks-environments';

/** Days before the kid's date at which NHS's expiry check raises a ticket (DAYS_THRESHOLD). */
export const NHS_EXPIRY_THRESHOLD_DAYS = 60;

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * True for a canonical UUID v4 (8-4-4-4-12 hex, version nibble 4, RFC 4122 variant). Stricter
 * than Python's `uuid.UUID(x, version=4)`, which accepts any 32 hex digits and overwrites the
 * version bits: the value also names NHS's file, so it must be the Application ID exactly.
 */
export function isUuidV4(value: string): boolean {
  return UUID_V4.test(value);
}

// Python's %Y-%m-%d as strptime matches it: four-digit year, month and day with or without a leading zero.
const STRPTIME_YMD = /^(\d{4})-(1[0-2]|0[1-9]|[1-9])-(3[01]|[12]\d|0[1-9]|[1-9])$/;
// Python's \b around \d{4}-\d{2}-\d{2}, with Unicode word characters as in Python 3 str patterns.
const DATE_IN_KID = /(?<![\p{L}\p{N}_])(\d{4}-\d{2}-\d{2})(?![\p{L}\p{N}_])/u;

/**
 * The expiry date NHS's check reads from a kid (`YYYY-MM-DD`), or `undefined` when it reads none
 * ("unparsable-kid"): the first `YYYY-MM-DD` token, else the first 10 characters, as a real date.
 */
export function kidExpiryDate(kid: string): string | undefined {
  const token = DATE_IN_KID.exec(kid)?.[1] ?? kid.slice(0, 10);
  const m = STRPTIME_YMD.exec(token);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Whole days from `now`'s UTC date to `isoDate` (as Python's `(d - date.today()).days`). */
function daysUntil(isoDate: string, now: Date): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - today) / 86_400_000);
}

/** A kid of the form NHS's expiry check tracks: `<rotate-by date>-<first 8 characters of the thumbprint>`. */
export function datedKid(rotateBy: string, thumbprint: string): string {
  if (kidExpiryDate(rotateBy) !== rotateBy) throw new AppError('VALIDATION_FAILED', `The rotate-by date must be a real date as YYYY-MM-DD (got "${rotateBy}").`, { details: { field: 'rotateBy' } });
  return `${rotateBy}-${thumbprint.slice(0, 8)}`;
}

/** How NHS's tooling would treat a kid. */
export interface HostedKidCheck {
  /** The date NHS's expiry check reads, if any. */
  expiry?: string;
  daysLeft?: number;
  warnings: string[];
}

/**
 * Judges a kid for the NHS-hosted route.
 *
 * @throws AppError `VALIDATION_FAILED` (details.reason `kid`) for a kid NHS would not take: empty
 *   (the platform answers "Missing 'kid' header"), with white space or control characters (it goes
 *   through a command line and is matched character for character), or dated in the past (the
 *   expiry check would treat the key as expired at once).
 */
export function checkHostedKid(kid: string, now: Date): HostedKidCheck {
  const refuse = (why: string) => new AppError('VALIDATION_FAILED', `NHS would not take the kid "${kid}": ${why}`, { details: { reason: 'kid', kid } });
  if (kid === '') throw refuse('it is empty, and the platform refuses an assertion without a kid.');
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/u.test(kid)) throw refuse('it contains white space or control characters; NHS passes the KEY_ID to make_jwk.py on a command line and the platform matches it exactly.');
  if (kid.length > 256) throw refuse('it is longer than 256 characters.');
  const expiry = kidExpiryDate(kid);
  if (expiry === undefined) {
    return {
      warnings: [
        `The kid "${kid}" carries no YYYY-MM-DD date: NHS's expiry check reports it as "unparsable-kid" and will never remind anyone to rotate the key. Generate a key with a dated kid (oidc-onboard keys generate <id> --kid-style dated).`,
      ],
    };
  }
  const daysLeft = daysUntil(expiry, now);
  if (daysLeft < 0) throw refuse(`its date ${expiry} has passed, so NHS's expiry check would treat the key as expired. Generate a new key with a future rotate-by date.`);
  const warnings =
    daysLeft <= NHS_EXPIRY_THRESHOLD_DAYS
      ? [`The kid's date ${expiry} is ${daysLeft} day(s) away: NHS's expiry check raises a rotation ticket ${NHS_EXPIRY_THRESHOLD_DAYS} days ahead, so one will be raised at once.`]
      : [];
  return { expiry, daysLeft, warnings };
}

/** The public JWK exactly as make_jwk.py adds it (member order included). */
export interface HostedJwk {
  n: string;
  e: string;
  kty: 'RSA';
  alg: 'RS512';
  kid: string;
  use: 'sig';
}

/** The four inputs of make_jwk.py, named as NHS's request asks for them. */
export interface HostingRequestInputs {
  kid: string;
  environment: 'int' | 'prod';
  app_id: string;
  public_key_pem: string;
}

/** The files of a hosting request, and warnings to show. */
export interface HostingRequest {
  request: HostingRequestInputs;
  jwk: HostedJwk;
  /** file name → text, in the order to write them. */
  files: { name: 'public-key.pem' | 'request.json' | 'jwk.json' | 'README.txt'; text: string }[];
  /** Where NHS will publish the file (to set as the Public key URL). */
  publicKeyUrl: string;
  expiry?: string;
  warnings: string[];
}

/**
 * Builds the hosting request for the active key of an API platform registration.
 *
 * @throws AppError `VALIDATION_FAILED` with `details.reason` `environment` (no NHS folder for it),
 *   `app-id` (not a UUID v4), `key-type` (not RSA: make_jwk.py builds RSA keys only),
 *   `algorithm` (the platform accepts RS512 assertions only) or `kid` (see {@link checkHostedKid}).
 */
export function buildHostingRequest(input: { provider: string; environment: string; clientName?: string; record: KeyRecord; appId: string; now: Date }): HostingRequest {
  const { record, now } = input;
  const env = nhsJwksEnvironment(input.provider, input.environment);
  if (!env.ok) throw new AppError('VALIDATION_FAILED', env.reason, { details: { reason: 'environment', environment: input.environment } });
  const appId = input.appId.trim();
  if (!isUuidV4(appId)) {
    throw new AppError('VALIDATION_FAILED', `"${input.appId}" is not a UUID v4. Give the Application ID from your Developer Hub application page (e.g. 9b2f3c1e-4d5a-4b6c-8d7e-0f1a2b3c4d5e) — not the API key.`, {
      details: { reason: 'app-id' },
    });
  }
  if (record.kty !== 'RSA' || record.publicJwk.kty !== 'RSA') {
    throw new AppError('VALIDATION_FAILED', `The key ${record.kid} is ${record.kty}${record.crv ? ` ${record.crv}` : ''}: NHS's make_jwk.py builds RSA keys only (RS512). Generate an RSA 4096 key for this registration.`, {
      details: { reason: 'key-type', kty: record.kty },
    });
  }
  if (record.alg !== 'RS512') {
    throw new AppError('VALIDATION_FAILED', `The key ${record.kid} signs with ${record.alg}, but the API platform accepts RS512 client assertions only.`, { details: { reason: 'algorithm', alg: record.alg } });
  }
  const kidCheck = checkHostedKid(record.kid, now);
  const warnings = [...kidCheck.warnings];
  if (record.size !== undefined && record.size < 4096) warnings.push(`The key is RSA ${record.size}: NHS's script and guide use RSA 4096 (recommended). NHS's script accepts it, but consider a 4096-bit key.`);

  const publicPem = exportSpkiPem(record);
  const jwk: HostedJwk = { n: record.publicJwk.n, e: record.publicJwk.e, kty: 'RSA', alg: 'RS512', kid: record.kid, use: 'sig' };
  const request: HostingRequestInputs = { kid: record.kid, environment: env.name, app_id: appId.toLowerCase(), public_key_pem: publicPem };
  const publicKeyUrl = `https://raw.githubusercontent.com/NHSDigital/identity-service-jwks/refs/heads/main/jwks/${env.name}/${request.app_id}.json`;
  const readme = [
    `NHS-hosted JWKS request${input.clientName ? ` for ${input.clientName}` : ''} (${env.name === 'int' ? 'INT' : 'production'})`,
    '',
    'What this is: the inputs NHS needs to host your public key in NHSDigital/identity-service-jwks',
    '(NHS runs its scripts/make_jwk.py with them and raises the pull request; you cannot).',
    '',
    'Send to: the NHS API platform team, through your NHS onboarding contact or the API platform',
    'support route you were given. Send request.json (or the four values below) and public-key.pem.',
    '',
    `  KEY_ID  ${request.kid}`,
    `  ENV     ${request.environment}`,
    `  APP_ID  ${request.app_id}   (your Developer Hub Application ID, not the API key)`,
    '  PUBLIC_KEY_FILE  public-key.pem (RSA public key; nothing private is in this folder)',
    '',
    'jwk.json is the key exactly as make_jwk.py adds it (n, e, kty, alg RS512, kid, use sig), so you',
    'and NHS can compare it with what appears in the file.',
    '',
    'When NHS has merged it, set this as the Public key URL of your Developer Hub application:',
    `  ${publicKeyUrl}`,
    'The platform caches a JWKS for up to 3600 s: a new key may be unseen for an hour.',
    '',
    kidCheck.expiry
      ? `NHS's expiry check reads ${kidCheck.expiry} from the kid and raises a rotation ticket ${NHS_EXPIRY_THRESHOLD_DAYS} days before it.`
      : 'The kid carries no YYYY-MM-DD date, so NHS\'s expiry check cannot remind anyone to rotate it.',
    '',
    'Sources (pinned):',
    '  https://github.com/NHSDigital/identity-service-jwks/blob/d6609ad97d853e905f4fd4f7999d40b11488840a/scripts/make_jwk.py',
    '  https://github.com/NHSDigital/identity-service-jwks/blob/d6609ad97d853e905f4fd4f7999d40b11488840a/scripts/check_public_key_expiry.py',
    '',
  ].join('\n');
  return {
    request,
    jwk,
    files: [
      { name: 'public-key.pem', text: publicPem },
      { name: 'request.json', text: `${JSON.stringify(request, null, 2)}\n` },
      { name: 'jwk.json', text: `${JSON.stringify(jwk, null, 2)}\n` },
      { name: 'README.txt', text: readme },
    ],
    publicKeyUrl,
    ...(kidCheck.expiry && { expiry: kidCheck.expiry }),
    warnings,
  };
}
