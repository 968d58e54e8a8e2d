/**
 * Shared set-up for the package tests: the fixed RS256 key of RFC 7520 (a published test
 * key), pure package inputs that never change (a frozen copy of a profile environment, so the
 * golden file pins the FORMAT and not the profile data), signing as the key service does, a
 * raw zip builder for hostile archives, and unzip-and-scan helpers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync, crc32 } from 'node:zlib';
import { CompactSign, calculateJwkThumbprint, importJWK, type JWK } from 'jose';
import { assemblePackage, packageEntries, zipPackage, type PackageInputs } from '../../../core/package/assemble';
import type { KeyRecord } from '../../../core/keys/key-record';
import type { JwksCheckReport } from '../../../contract/schemas/jwks-check';
import { readZip, type ZipEntry } from '../../../core/package/zip';

const root = path.resolve(import.meta.dirname, '../../..');
const fixture = JSON.parse(readFileSync(path.join(root, 'test/fixtures/keys/rfc7520-rsa-v15-signature.json'), 'utf8')) as { key: JWK };

/** The RFC 7520 §3.4 RSA private key (2048 bits), used as RS256 under a clean kid. */
export const GOLDEN_PRIVATE_JWK: JWK = { ...fixture.key, kid: 'golden-rs256' };
const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicPart } = GOLDEN_PRIVATE_JWK;
/** The public half. */
export const GOLDEN_PUBLIC_JWK = { kty: 'RSA' as const, n: publicPart.n!, e: publicPart.e!, kid: 'golden-rs256', use: 'sig' as const, alg: 'RS256' as const };

/** The key record of the golden key. */
export async function goldenRecord(): Promise<KeyRecord> {
  return {
    kid: 'golden-rs256',
    alg: 'RS256',
    kty: 'RSA',
    size: 2048,
    thumbprint: await calculateJwkThumbprint(GOLDEN_PUBLIC_JWK, 'sha256'),
    createdAt: '2026-01-05T09:00:00.000Z',
    state: 'active',
    activatedAt: '2026-01-05T09:00:00.000Z',
    custody: 'keychain',
    publicJwk: GOLDEN_PUBLIC_JWK,
  };
}

/** A small, fixed, schema-valid jwks_uri report. */
export const GOLDEN_REPORT: JwksCheckReport = {
  schema: 'oidc-onboard/jwks-check',
  schemaVersion: 1,
  url: 'https://keys.example.org/jwks.json',
  verdict: 'pass',
  startedAt: '2026-02-01T10:00:00.000Z',
  finishedAt: '2026-02-01T10:00:01.000Z',
  checks: [
    { id: 'url.https', area: 'url', title: 'The URL uses HTTPS', status: 'pass', message: 'https.', hint: 'Use https.', source: { title: 'RFC 7591 §2', url: 'https://www.rfc-editor.org/rfc/rfc7591#section-2' } },
    { id: 'match.local-key', area: 'match', title: 'The local key is published', status: 'pass', message: 'The local key is published (kid "golden-rs256").', hint: 'Publish it.', source: { title: 'RFC 7517', url: 'https://www.rfc-editor.org/rfc/rfc7517' } },
  ],
  timings: { totalMs: 1000, fetchMs: 800 },
  trustStore: { sources: ['bundled'], description: 'bundled Mozilla roots' },
  toolVersion: '0.0.0-golden',
};

/** Fixed inputs: a CIS2-like environment frozen here so profile edits do not move the golden bytes. */
export async function goldenInputs(overrides: Partial<PackageInputs> = {}): Promise<PackageInputs> {
  const record = await goldenRecord();
  return {
    createdAt: new Date('2026-02-01T10:00:05.000Z'),
    toolVersion: '0.0.0-golden',
    registration: {
      id: 'golden-app-int',
      createdAt: '2026-01-05T08:59:00.000Z',
      provider: 'nhs-cis2',
      environment: 'int',
      metadata: {
        client_name: 'Golden App',
        application_type: 'web',
        redirect_uris: ['https://app.example.org/callback'],
        jwks_uri: 'https://keys.example.org/jwks.json',
        contacts: ['dev@example.org'],
        token_endpoint_auth_method: 'private_key_jwt',
        token_endpoint_auth_signing_alg: 'RS256',
      },
    },
    profile: { id: 'nhs-cis2', name: 'NHS CIS2 Authentication', profileVersion: '1.0.0' },
    environment: {
      id: 'int',
      label: 'INT (integration)',
      issuer: 'https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk:443/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare',
      keySource: 'jwks_uri',
      submission: { text: 'Enter the registration in Connection Manager, or e-mail it to your onboarding contact.', known: true, url: 'https://example.org/connection-manager' },
    },
    signingKey: record,
    publishedKeys: [record],
    jwksCheck: { report: GOLDEN_REPORT, fresh: true },
    ...overrides,
  };
}

/** Signs like the key service: protected header `alg`, `kid`, then the extra members. */
export async function signLikeKeyService(payload: Uint8Array, privateJwk: JWK, header: Record<string, unknown>): Promise<string> {
  const alg = String(privateJwk.alg ?? 'RS256');
  return new CompactSign(payload).setProtectedHeader({ alg, kid: privateJwk.kid, ...header }).sign(await importJWK({ ...privateJwk, alg }, alg));
}

/** Assembles, signs with `privateJwk` and zips: a whole package without a keychain. */
export async function buildPure(inputs: PackageInputs, privateJwk: JWK = { ...GOLDEN_PRIVATE_JWK, alg: 'RS256' }): Promise<{ zip: Uint8Array; entries: ZipEntry[] }> {
  const unsigned = assemblePackage(inputs);
  const jwt = await signLikeKeyService(unsigned.signingInput, privateJwk, unsigned.header);
  const entries = packageEntries(unsigned, jwt);
  return { zip: zipPackage(entries, inputs.createdAt), entries };
}

/** A zip built byte by byte with no checks at all (for hostile archives). */
export function rawZip(entries: { name: string; data: Uint8Array; deflate?: boolean; declaredSize?: number; flags?: number }[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = e.deflate ? deflateRawSync(e.data) : Buffer.from(e.data);
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.flags ?? 0, 6);
    local.writeUInt16LE(e.deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc32(e.data) >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.flags ?? 0, 8);
    central.writeUInt16LE(e.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc32(e.data) >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

/** Private key material or `secrets` anywhere in the unzipped entries (and decoded JWS parts). */
export function leaks(zip: Uint8Array, secrets: readonly string[] = []): string[] {
  const found: string[] = [];
  for (const entry of readZip(zip)) {
    let text = Buffer.from(entry.data).toString('utf8');
    if (entry.name === 'request.jwt') text += text.split('.').slice(0, 2).map((p) => Buffer.from(p, 'base64url').toString('utf8')).join('\n');
    if (/PRIVATE KEY/.test(text)) found.push(`${entry.name}: PEM private key`);
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) if (new RegExp(`"${member}"\\s*:\\s*"[A-Za-z0-9_-]{16,}`).test(text)) found.push(`${entry.name}: JWK "${member}"`);
    for (const secret of secrets) if (text.includes(secret)) found.push(`${entry.name}: secret`);
  }
  return found;
}

/** The private members of the golden key, which must never appear in a package. */
export const GOLDEN_PRIVATE_VALUES = ['d', 'p', 'q', 'dp', 'dq', 'qi'].map((m) => String((GOLDEN_PRIVATE_JWK as Record<string, unknown>)[m]));
