/**
 * The jwks_uri check catalogue: every check the tester can report, in one table, in
 * report order.
 *
 * Titles, explanations, hints and sources live here (not in the checks) so that
 * `docs/jwks-checks.md` is generated from the same table the engine uses
 * (`scripts/gen-docs.ts`) and cannot drift. Ids are stable: saved reports,
 * report comparisons and the CLI `--json` output refer to them. Never rename one; add a
 * new id instead.
 */

import type { CheckArea } from '../../contract/schemas/jwks-check';

// The areas (what a check looks at; reports are grouped by them) are part of the report schema.
export { AREA_TITLES, CHECK_AREAS, type CheckArea } from '../../contract/schemas/jwks-check-areas';

/** A citable document behind a check. */
export interface CheckSource {
  readonly title: string;
  readonly url: string;
}

/** One catalogue entry. */
export interface CheckDefinition {
  /** Stable dotted id, e.g. `tls.chain`. */
  readonly id: string;
  readonly area: CheckArea;
  /** Short title for tables and report lines. */
  readonly title: string;
  /** What the check verifies and why it matters. */
  readonly meaning: string;
  /** How to fix a failure or warning. */
  readonly hint: string;
  readonly source: CheckSource;
}

const RFC7517 = 'https://www.rfc-editor.org/rfc/rfc7517';
const RFC7518 = 'https://www.rfc-editor.org/rfc/rfc7518';

/** The documents the checks cite. */
export const CHECK_SOURCES = {
  rfc3986: { title: 'RFC 3986 §3 (URI syntax)', url: 'https://www.rfc-editor.org/rfc/rfc3986#section-3' },
  oidcRegistration: { title: 'OpenID Connect Dynamic Client Registration §2 (jwks_uri)', url: 'https://openid.net/specs/openid-connect-registration-1_0.html#ClientMetadata' },
  cis2KeyManagement: {
    title: 'NHS CIS2 Authentication — key management',
    url: 'https://digital.nhs.uk/services/care-identity-service/applications-and-services/cis2-authentication/integrate/design-and-build/key-management',
  },
  rfc3986Host: { title: 'RFC 3986 §3.2.2 (host)', url: 'https://www.rfc-editor.org/rfc/rfc3986#section-3.2.2' },
  rfc6890: { title: 'RFC 6890 (special-purpose IP address registries: private, loopback, reserved)', url: 'https://www.rfc-editor.org/rfc/rfc6890' },
  rfc9110Status: { title: 'RFC 9110 §15 (status codes)', url: 'https://www.rfc-editor.org/rfc/rfc9110#section-15' },
  rfc9110Redirect: { title: 'RFC 9110 §15.4 (redirection)', url: 'https://www.rfc-editor.org/rfc/rfc9110#section-15.4' },
  rfc9110Encoding: { title: 'RFC 9110 §8.4 (Content-Encoding)', url: 'https://www.rfc-editor.org/rfc/rfc9110#section-8.4' },
  rfc9111: { title: 'RFC 9111 §5.2 (Cache-Control)', url: 'https://www.rfc-editor.org/rfc/rfc9111#section-5.2' },
  rfc8446: { title: 'RFC 8446 (TLS 1.3) and RFC 8996 (TLS 1.0/1.1 deprecated)', url: 'https://www.rfc-editor.org/rfc/rfc8996' },
  rfc5280: { title: 'RFC 5280 §6 (certification path validation)', url: 'https://www.rfc-editor.org/rfc/rfc5280#section-6' },
  rfc6125: { title: 'RFC 6125 §6 (server identity)', url: 'https://www.rfc-editor.org/rfc/rfc6125#section-6' },
  rfc5280Validity: { title: 'RFC 5280 §4.1.2.5 (validity)', url: 'https://www.rfc-editor.org/rfc/rfc5280#section-4.1.2.5' },
  owaspSsrf: { title: 'OWASP SSRF Prevention Cheat Sheet (limits on fetched content)', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html' },
  rfc8259: { title: 'RFC 8259 (JSON)', url: 'https://www.rfc-editor.org/rfc/rfc8259' },
  rfc7517Set: { title: 'RFC 7517 §5 (JWK Set)', url: `${RFC7517}#section-5` },
  rfc7517Kty: { title: 'RFC 7517 §4.1 and RFC 7518 §6 (key type parameters)', url: `${RFC7518}#section-6` },
  rfc7518Base64urlUInt: { title: 'RFC 7518 §2 (Base64urlUInt) and RFC 7515 §2 (base64url)', url: `${RFC7518}#section-2` },
  rfc7518Rsa: { title: 'RFC 7518 §6.3.1 (RSA public key parameters)', url: `${RFC7518}#section-6.3.1` },
  rfc7518Ec: { title: 'RFC 7518 §6.2.1 (EC public key parameters)', url: `${RFC7518}#section-6.2.1` },
  rfc7518Private: { title: 'RFC 7518 §6.3.2 and §6.4 (private and symmetric key parameters)', url: `${RFC7518}#section-6.3.2` },
  rfc7517Kid: { title: 'RFC 7517 §4.5 (kid)', url: `${RFC7517}#section-4.5` },
  rfc7517KeyOps: { title: 'RFC 7517 §4.2–4.4 (use, key_ops, alg)', url: `${RFC7517}#section-4.3` },
  rfc7517X5c: { title: 'RFC 7517 §4.7 (x5c)', url: `${RFC7517}#section-4.7` },
  rfc7518RsaSize: { title: 'RFC 7518 §3.3 (RSA keys of 2048 bits or more)', url: `${RFC7518}#section-3.3` },
  rfc7518Algs: { title: 'RFC 7518 §3.1 (JWS algorithms and their key types)', url: `${RFC7518}#section-3.1` },
  rfc7638: { title: 'RFC 7638 (JWK thumbprint)', url: 'https://www.rfc-editor.org/rfc/rfc7638' },
  rfc7523: { title: 'RFC 7523 §2.2 (JWT client authentication)', url: 'https://www.rfc-editor.org/rfc/rfc7523#section-2.2' },
  cis2Rotation: { title: 'NHS Identity (legacy CAS) key rotation guidance', url: 'https://github.com/nhsconnect/national-authentication/blob/dd9fc0d3002f86d43c668074a317e33d27e61fff/pages/explore/explore_other_features.md' },
} as const satisfies Record<string, CheckSource>;

const S = CHECK_SOURCES;

/** The catalogue, in report order (areas in {@link CHECK_AREAS} order). */
export const CHECK_CATALOGUE: readonly CheckDefinition[] = [
  // ── URL ───────────────────────────────────────────────────────────────────
  { id: 'url.syntax', area: 'url', title: 'Well-formed absolute URL', meaning: 'The URL parses as an absolute URL without spaces, control characters or backslashes, so every client reads it the same way.', hint: 'Copy the URL exactly, e.g. https://example.org/.well-known/jwks.json, with no spaces or backslashes.', source: S.rfc3986 },
  { id: 'url.https', area: 'url', title: 'Uses https', meaning: 'Providers fetch jwks_uri over https only; the keys must not be open to tampering in transit.', hint: 'Serve the JWK Set over https and register the https:// URL.', source: S.oidcRegistration },
  { id: 'url.no-fragment', area: 'url', title: 'No fragment', meaning: 'A #fragment never reaches the server and is refused by strict registration checks.', hint: 'Remove the #… part of the URL.', source: S.rfc3986 },
  { id: 'url.no-userinfo', area: 'url', title: 'No user name or password', meaning: 'Credentials in a URL leak into logs and are not sent by providers.', hint: 'Remove user:password@ from the URL; the JWK Set must be public.', source: S.rfc3986 },
  // ── DNS ───────────────────────────────────────────────────────────────────
  { id: 'dns.resolve', area: 'dns', title: 'Host name resolves', meaning: 'The host name resolves to at least one address; otherwise nobody can fetch the keys.', hint: 'Check the DNS records of the host (and that this machine uses a working resolver).', source: S.rfc3986Host },
  { id: 'dns.public', area: 'dns', title: 'Publicly reachable address', meaning: 'Loopback, private, link-local and reserved addresses cannot be reached by the identity provider over the internet.', hint: 'Publish the JWK Set on a host with a public address (not an intranet, HSCN-only or localhost host).', source: S.rfc6890 },
  // ── TLS ───────────────────────────────────────────────────────────────────
  { id: 'tls.chain', area: 'tls', title: 'Certificate chain trusted', meaning: 'The server certificate chains to a trusted root; providers reject self-signed, private-CA or incomplete chains. It is verified against Node\'s bundled Mozilla roots (and a CA you add); a chain that only the operating system\'s store verifies warns.', hint: 'Use a certificate from a public CA and configure the server to send the full chain (leaf plus intermediates).', source: S.rfc5280 },
  { id: 'tls.hostname', area: 'tls', title: 'Certificate matches the host', meaning: 'The certificate names the host of the URL in its subject alternative names.', hint: 'Issue the certificate for the exact host name in the URL (SAN entry).', source: S.rfc6125 },
  { id: 'tls.validity', area: 'tls', title: 'Certificate valid (30 days or more left)', meaning: 'The certificate is within its validity period; fewer than 30 days left is a warning because renewal is due.', hint: 'Renew the certificate (or fix the automation that should renew it).', source: S.rfc5280Validity },
  { id: 'tls.protocol', area: 'tls', title: 'TLS 1.2 or newer', meaning: 'TLS 1.0 and 1.1 are deprecated; providers refuse them.', hint: 'Enable TLS 1.2 and 1.3 on the server and disable older protocols.', source: S.rfc8446 },
  // ── HTTP ──────────────────────────────────────────────────────────────────
  { id: 'http.reachable', area: 'http', title: 'Server answers', meaning: 'A TCP connection opens and the server answers with a well-formed HTTP response.', hint: 'Check that the server is running, listens on the port of the URL and is not blocked by a firewall.', source: S.rfc9110Status },
  { id: 'http.redirect', area: 'http', title: 'No redirect', meaning: 'Providers may not follow redirects, so the registered URL must answer directly. Each hop is reported; redirects to http, to a private address, loops and long chains fail.', hint: 'Register the final URL (after the redirect) instead of the one that redirects.', source: S.rfc9110Redirect },
  { id: 'http.status', area: 'http', title: 'Status 200', meaning: 'Providers accept exactly 200 OK for a JWK Set.', hint: 'Make the URL return 200 with the JWK Set, without authentication or a login page.', source: S.rfc9110Status },
  // ── Headers ───────────────────────────────────────────────────────────────
  { id: 'headers.content-type', area: 'headers', title: 'JSON content type', meaning: 'Content-Type should be application/json or application/jwk-set+json (a charset parameter is fine). text/html fails (usually a login or error page); other types warn because some verifiers refuse them.', hint: 'Serve the file with Content-Type: application/json.', source: S.rfc7517Set },
  { id: 'headers.caching', area: 'headers', title: 'Caching allows rotation', meaning: 'Cache-Control and Expires are reported; a max-age beyond one day (86400 s) warns because caches would keep an old key set after a rotation. no-store is fine.', hint: 'Use a max-age of a day or less (e.g. Cache-Control: max-age=3600).', source: S.rfc9111 },
  { id: 'headers.content-encoding', area: 'headers', title: 'Content encoding understood', meaning: 'Content-Encoding is reported; stacked, unknown or corrupt encodings fail because providers cannot decode them.', hint: 'Serve the file uncompressed or with one standard encoding (gzip or br).', source: S.rfc9110Encoding },
  // ── Limits ────────────────────────────────────────────────────────────────
  { id: 'limits.body-size', area: 'limits', title: 'Body within the size cap', meaning: 'The decoded body stays under the cap (512 KiB by default); a JWK Set is a few KiB, and huge or compressed-bomb bodies are refused.', hint: 'Publish only the current public keys; a JWK Set should be a few kilobytes.', source: S.owaspSsrf },
  { id: 'limits.deadline', area: 'limits', title: 'Answered within the deadline', meaning: 'The whole fetch (DNS, connect, TLS, headers, body) finished within the deadline (10 s by default); providers time out quickly.', hint: 'Make the endpoint answer promptly: serve a static file, avoid slow back ends.', source: S.owaspSsrf },
  // ── Body ──────────────────────────────────────────────────────────────────
  { id: 'body.json', area: 'body', title: 'Valid JSON', meaning: 'The body parses as UTF-8 JSON.', hint: 'Serve the JWK Set as plain JSON (not HTML, not JavaScript, no byte-order mark or comments).', source: S.rfc8259 },
  { id: 'body.jwk-set', area: 'body', title: 'A JWK Set with keys', meaning: 'The body is a JSON object with a non-empty "keys" array of JSON objects.', hint: 'Publish {"keys": [ {…public JWK…} ]}, not a bare key or an array.', source: S.rfc7517Set },
  { id: 'body.key-members', area: 'body', title: 'Required key members', meaning: 'Each key has "kty" and the members its type requires (RSA: n, e; EC: crv, x, y; OKP: crv, x). Unknown key types are skipped by verifiers (warning).', hint: 'Export the public key with a JOSE library rather than writing the JWK by hand.', source: S.rfc7517Kty },
  { id: 'body.base64url', area: 'body', title: 'Unpadded base64url values', meaning: 'Key values use base64url without padding: only A–Z, a–z, 0–9, "-" and "_".', hint: 'Replace "+" with "-", "/" with "_", and remove trailing "=".', source: S.rfc7518Base64urlUInt },
  { id: 'body.minimal-integers', area: 'body', title: 'Minimal-length integers', meaning: 'RSA "n" and "e" are unsigned big-endian integers of minimal length: no leading zero octet (a common ASN.1 export bug).', hint: 'Strip the leading 0x00 octet before base64url-encoding the modulus.', source: S.rfc7518Rsa },
  { id: 'body.rsa-exponent', area: 'body', title: 'Valid RSA exponent', meaning: 'The RSA public exponent "e" is odd and greater than 1 (normally 65537, "AQAB").', hint: 'Regenerate the key with the standard exponent 65537.', source: S.rfc7518Rsa },
  { id: 'body.ec-point', area: 'body', title: 'Valid EC points', meaning: 'EC and OKP public keys are valid points on their named curve, with coordinates of the curve\'s length.', hint: 'Export the public key again with a JOSE library; the coordinates are damaged.', source: S.rfc7518Ec },
  // ── Keys ──────────────────────────────────────────────────────────────────
  { id: 'keys.private-material', area: 'keys', title: 'No private or symmetric key material', meaning: 'A published set must hold public keys only. Private members (d, p, q, dp, dq, qi, oth) or symmetric keys (kty "oct", k) expose the signing secret: anyone can impersonate the client. Critical.', hint: 'Remove the key from the URL now, generate a new key pair, publish only its public part, and tell the provider the old key is compromised.', source: S.rfc7518Private },
  { id: 'keys.kid-present', area: 'keys', title: 'Every key has a kid', meaning: 'Providers select the verification key by the "kid" in the JWT header; a key without kid cannot be selected reliably (failure when the set has several keys).', hint: 'Give every key a kid (for example its RFC 7638 thumbprint) and put the same kid in your JWT headers.', source: S.rfc7517Kid },
  { id: 'keys.kid-unique', area: 'keys', title: 'kids are unique', meaning: 'Two keys with the same kid make key selection ambiguous.', hint: 'Give each key its own kid.', source: S.rfc7517Kid },
  { id: 'keys.use-key-ops', area: 'keys', title: 'use, key_ops and alg consistent', meaning: '"use" is sig or enc; "key_ops" values are known and not repeated; "use" and "key_ops" agree when both are present; "alg" suits the key type.', hint: 'Use "use": "sig" (or key_ops ["verify"]) and an "alg" matching the key type, e.g. RS256 for RSA.', source: S.rfc7517KeyOps },
  { id: 'keys.can-verify', area: 'keys', title: 'Keys can verify signatures', meaning: 'A key marked for encryption ("use": "enc", key_ops without "verify", an encryption alg) cannot verify client assertions; warning for such keys, failure when no key can verify.', hint: 'Publish the signing key with "use": "sig" (or without use/key_ops).', source: S.rfc7517KeyOps },
  { id: 'keys.x5c', area: 'keys', title: 'x5c matches the key', meaning: 'When present, "x5c" holds standard-base64 DER certificates and the first certificate carries the same public key as the JWK (x5t#S256 too, when present).', hint: 'Remove x5c, or regenerate it from the certificate of this very key.', source: S.rfc7517X5c },
  // ── Strength ──────────────────────────────────────────────────────────────
  { id: 'strength.rsa-size', area: 'strength', title: 'RSA keys of 2048 bits or more', meaning: 'RSA signing keys shorter than 2048 bits are forbidden for RS/PS algorithms and refused by verifiers.', hint: 'Generate a new RSA key of 2048 bits or more (3072 or 4096 recommended).', source: S.rfc7518RsaSize },
  { id: 'strength.alg-suitable', area: 'strength', title: 'A key suits the registered algorithm', meaning: 'At least one verification key suits the registration\'s algorithm (RS*/PS* need RSA ≥ 2048 bits; ES256 needs P-256, ES384 P-384, ES512 P-521; an "alg" member must equal it).', hint: 'Publish a key of the type the registered algorithm needs, or register the algorithm your key uses.', source: S.rfc7518Algs },
  // ── Match ─────────────────────────────────────────────────────────────────
  { id: 'match.local-key', area: 'match', title: 'Local key published', meaning: 'Each local public key is in the set, found by RFC 7638 thumbprint and with the same kid. A kid present with another key means the kid was reused for another key.', hint: 'Publish the public JWK this app generated (copy it again), with its kid unchanged.', source: S.rfc7638 },
  { id: 'match.stale-keys', area: 'match', title: 'No stale keys', meaning: 'Keys in the set that are not among the expected keys are reported: old keys should be removed some time after rotation.', hint: 'Remove keys you no longer sign with once tokens signed by them have expired.', source: S.cis2Rotation },
  { id: 'match.round-trip', area: 'match', title: 'Signature round trip', meaning: 'A test client assertion signed with the local private key verifies against the fetched set (jose, explicit algorithm allow-list), as the provider would verify it.', hint: 'Make sure the published key, its kid and alg are those of the key you sign with.', source: S.rfc7523 },
  // ── Consistency ───────────────────────────────────────────────────────────
  { id: 'consistency.replicas', area: 'consistency', title: 'Replicas agree', meaning: 'Several concurrent fetches return the same key set; replicas behind a load balancer that disagree make verification fail at random.', hint: 'Deploy the same JWK Set to every server behind the URL (and purge CDN caches after a change).', source: S.cis2KeyManagement },
];

const BY_ID = new Map(CHECK_CATALOGUE.map((d) => [d.id, d]));

/** Every check id, in report order. */
export const CHECK_IDS: readonly string[] = CHECK_CATALOGUE.map((d) => d.id);

/**
 * The catalogue entry of `id`.
 *
 * @throws Error for an id not in the catalogue (a programming error, caught by tests).
 */
export function checkDefinition(id: string): CheckDefinition {
  const def = BY_ID.get(id);
  if (!def) throw new Error(`Unknown jwks check id: ${id}`);
  return def;
}
