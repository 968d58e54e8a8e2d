// The support pack (issue 12 item 4) built by the real services on a temp data dir, the real
// keychain (private D-Bus session) and a real local HTTPS jwks_uri (test CA): it holds the facts
// each provider's support asks for, and a scan of every byte finds no secret, private key (PEM or
// JWK member), data key, passphrase or unmasked API key — and the pack refuses to be written when
// one would leak.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { exportJWK, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasErrorCode } from '../../../contract/errors';
import { dataKeyAccountIn } from '../../support/keychain-names';
import { localTimeWithOffset, maskApiKey, type SupportPackFacts } from '../../../core/support';
import { json, startHttpsServer, type TestServer } from '../../support/hostile-server';
import { getTestPki, LOCAL_HOSTS } from '../../support/test-pki';
import { createWorld, type World } from '../package/service-helpers';

const API_KEY = 'Zq7RmXw2Kp9TnB4vLc8HdY3sFg6J';
const API_SECRET = `api-platform-stored-secret-${randomUUID()}`;
const CIS2_SECRET = `cis2-client-secret-${randomUUID()}`;
const PASSPHRASE = `correct horse battery staple ${randomUUID()}`;
const APP_ID = '9b2f3c1e-4d5a-4b6c-8d7e-0f1a2b3c4d5e';

let world: World;
let server: TestServer;
let caPem: string;
let served: unknown = { keys: [] };
let apiId: string;
let cis2Id: string;
let secretId: string;
let privateJwk: JWK;
let apiKid: string;

/** Every private value we know of, to look for in the bytes. */
function forbidden(): { label: string; value: string }[] {
  const members = ['d', 'p', 'q', 'dp', 'dq', 'qi'].map((m) => ({ label: `private JWK member ${m}`, value: String((privateJwk as Record<string, unknown>)[m]) }));
  return [
    { label: 'full API key', value: API_KEY },
    { label: 'API platform stored secret', value: API_SECRET },
    { label: 'CIS2 client secret', value: CIS2_SECRET },
    { label: 'passphrase', value: PASSPHRASE },
    ...members,
  ];
}

/** Scans the archive bytes and every entry (as text, JSON-unescaped and URL-decoded) for anything private. */
async function scanEveryByte(zip: Uint8Array, registrationId: string): Promise<string[]> {
  const found: string[] = [];
  const record = world.services.store.read().registrations[registrationId]!;
  const dataKeys: { label: string; value: string }[] = [];
  for (const key of record.keys) {
    const value = await world.vault.get(dataKeyAccountIn(world.dataDir, registrationId, String(key.kid)));
    if (value !== undefined) dataKeys.push({ label: 'key-file data key', value });
  }
  const texts: { name: string; text: string }[] = [{ name: '(archive)', text: Buffer.from(zip).toString('latin1') }];
  for (const [name, data] of Object.entries(unzipSync(zip))) {
    const raw = strFromU8(data);
    texts.push({ name, text: raw });
    texts.push({ name: `${name} (url-decoded)`, text: (() => { try { return decodeURIComponent(raw); } catch { return raw; } })() });
  }
  for (const { name, text } of texts) {
    if (/PRIVATE KEY/.test(text)) found.push(`${name}: PEM private key`);
    if (/"(d|p|q|dp|dq|qi|k)"\s*:\s*"[A-Za-z0-9_-]{16,}/.test(text)) found.push(`${name}: private JWK member`);
    for (const { label, value } of [...forbidden(), ...dataKeys]) if (text.includes(value) || text.includes(JSON.stringify(value).slice(1, -1))) found.push(`${name}: ${label}`);
  }
  return found;
}

function entriesOf(zip: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(zip)).map(([name, data]) => [name, strFromU8(data)]));
}

beforeAll(async () => {
  world = await createWorld(new Date().toISOString());
  const pki = await getTestPki();
  caPem = pki.caCertPem;
  const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
  server = await startHttpsServer({ cert: leaf.chainPem, key: leaf.keyPem, handler: (req, res, ctx) => json(served, { 'cache-control': 'public, max-age=300' })(req, res, ctx) });
  const { services } = world;

  // API platform: an imported key pair whose private members the test knows, in keychain custody.
  apiId = services.drafts.create({ provider: 'nhs-api-platform', environment: 'int', clientName: 'Parcel App' }).registration.id;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  privateJwk = await exportJWK(privateKey);
  const imported = await services.keys.importKey(apiId, { input: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), alg: 'RS512' });
  apiKid = imported.record.kid;
  served = JSON.parse(services.keys.jwks(apiId));
  services.drafts.setValues(apiId, { jwksUri: server.url('/jwks.json') });
  await services.checks.run({ registrationId: apiId, caPem });
  // The API platform issues an API key and no secret (core/profiles `issued`).
  await services.credentials.save(apiId, { clientId: API_KEY });
  await services.credentials.assertion(apiId);

  // CIS2: a passphrase-custody key, a stored client secret, and no assertion built yet.
  cis2Id = services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Ward Rounds' }).registration.id;
  await services.keys.generate(cis2Id, { size: 2048, custody: { passphrase: PASSPHRASE } });
  services.drafts.setValues(cis2Id, { jwksUri: 'https://keys.example.org/ward-rounds/jwks.json', addRedirectUris: ['https://ward.example.org/callback'] });
  await services.credentials.save(cis2Id, { clientId: '123456789012.apps.supplier' });

  // CIS2's "Client Secret" pattern: the one registration here with a stored client secret.
  secretId = services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Simple Portal' }).registration.id;
  services.drafts.setValues(secretId, { authMethod: 'client_secret_post' });
  await services.credentials.save(secretId, { clientId: '555.apps.supplier', secret: CIS2_SECRET });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await world?.cleanup();
});

describe('support pack: API platform', () => {
  it('holds what API platform support asks for: application name and id, first/last 4 of the API key, JWT header and payload, the exact request, the time', async () => {
    const out = path.join(world.dataDir, 'api-support.zip');
    const result = await world.services.supportPack(apiId, out, { applicationId: APP_ID });
    expect(result.assertionSource).toBe('last-built');
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    const zip = new Uint8Array(await readFile(out));
    expect(result.bytes).toBe(zip.length);
    const files = entriesOf(zip);
    expect(Object.keys(files)).toEqual(['README.txt', 'support.md', 'support.json', 'assertion.json', 'token-request.http', 'jwks-check.json', 'jwks-check.md']);

    const facts = JSON.parse(files['support.json']!) as SupportPackFacts;
    expect(facts.application).toMatchObject({ registrationId: apiId, clientName: 'Parcel App', applicationId: APP_ID, identifier: { label: 'API key', value: 'Zq7R…Fg6J', masked: true } });
    expect(facts.application.activeKey).toMatchObject({ kid: apiKid, alg: 'RS512' });
    expect(facts.jwksUri).toBe(server.url('/jwks.json'));
    expect(facts.app.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(facts.runtime.node).toBe(process.versions.node);
    expect(facts.os).toMatchObject({ platform: process.platform, arch: process.arch });
    expect(facts.createdAt).toMatch(/Z$/);
    expect(facts.localTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(facts.localTime).toBe(localTimeWithOffset(new Date(facts.createdAt)));

    // The last assertion built by the assertion helper: its header and payload, no signature, iss/sub masked.
    const recorded = world.services.store.read().registrations[apiId]!.lastAssertion!;
    expect(recorded.by).toBe('assertion');
    const assertion = JSON.parse(files['assertion.json']!) as SupportPackFacts['assertion'];
    expect(assertion.source).toBe('last-built');
    expect(assertion.signature).toBe('removed');
    expect(assertion.header).toEqual({ alg: 'RS512', kid: apiKid, typ: 'JWT' });
    expect(assertion.payload).toMatchObject({ iss: 'Zq7R…Fg6J', sub: 'Zq7R…Fg6J', aud: 'https://int.api.service.nhs.uk/oauth2/token', jti: recorded.claims.jti, iat: recorded.claims.iat, exp: recorded.claims.exp });
    expect(files['assertion.json']).not.toMatch(/eyJ[A-Za-z0-9_-]+\.eyJ/); // no compact JWT anywhere

    // The exact request, assertion elided.
    const request = files['token-request.http']!;
    expect(request).toMatch(/^POST \/oauth2\/token HTTP\/1\.1\r\nHost: int\.api\.service\.nhs\.uk\r\n/);
    expect(request).toContain('Content-Type: application/x-www-form-urlencoded');
    expect(request).toContain('grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=<elided>');
    expect(facts.tokenRequest).toMatchObject({ method: 'POST', url: 'https://int.api.service.nhs.uk/oauth2/token', form: expect.arrayContaining([['client_assertion', '<elided>']]) });

    // The last check, JSON and Markdown.
    const check = JSON.parse(files['jwks-check.json']!) as { url: string; verdict: string };
    expect(check.url).toBe(server.url('/jwks.json'));
    expect(files['jwks-check.md']).toContain(server.url('/jwks.json'));
    expect(facts.lastCheck).toMatchObject({ url: server.url('/jwks.json'), verdict: check.verdict });

    // README: what is inside, what was removed, where each asked-for fact is.
    const readme = files['README.txt']!;
    expect(readme).toContain('NHS API platform support asks for');
    expect(readme).toContain('What is inside:');
    expect(readme).toContain('What was removed:');
    expect(readme).toContain('the API key, except its first and last 4 characters');
    expect(readme).toMatch(/LAST client assertion/);
    expect(files['support.md']).toContain('`Zq7R…Fg6J` (first and last 4 characters)');
    expect(files['support.md']).toContain(APP_ID);
  });

  it('takes the application id and the registered KID stored with the credentials when none is given', async () => {
    await world.services.credentials.replace(apiId, { clientId: API_KEY, applicationId: APP_ID, kid: apiKid }, { confirm: true });
    try {
      const out = path.join(world.dataDir, 'api-support-stored.zip');
      await world.services.supportPack(apiId, out);
      const facts = JSON.parse(entriesOf(new Uint8Array(await readFile(out)))['support.json']!) as SupportPackFacts;
      expect(facts.application).toMatchObject({ applicationId: APP_ID, registeredKid: apiKid, identifier: { label: 'API key', value: 'Zq7R…Fg6J', masked: true } });
    } finally {
      await world.services.credentials.replace(apiId, { clientId: API_KEY }, { confirm: true });
    }
  });

  it('a scan of every byte finds no secret, private key, JWK private member, data key, passphrase or unmasked API key', async () => {
    const out = path.join(world.dataDir, 'api-support-scan.zip');
    await world.services.supportPack(apiId, out);
    const zip = new Uint8Array(await readFile(out));
    expect(await scanEveryByte(zip, apiId)).toEqual([]);
    // The scan can find what it looks for: the private key's own export would be caught.
    expect(JSON.stringify(privateJwk)).toMatch(/"d"\s*:\s*"[A-Za-z0-9_-]{16,}/);
  });

  it('is the same bytes for the same inputs and time', async () => {
    const a = path.join(world.dataDir, 'same-a.zip');
    const b = path.join(world.dataDir, 'same-b.zip');
    world.clock.set('2026-12-01T09:30:00.000Z');
    await world.services.supportPack(apiId, a);
    await world.services.supportPack(apiId, b);
    expect(Buffer.compare(await readFile(a), await readFile(b))).toBe(0);
    world.clock.set(new Date().toISOString());
  });
});

describe('support pack: CIS2', () => {
  it('holds the JWKS URL and an unsigned illustration of the JWT (no assertion built yet), and says which', async () => {
    const out = path.join(world.dataDir, 'cis2-support.zip');
    const result = await world.services.supportPack(cis2Id, out);
    expect(result.assertionSource).toBe('illustration');
    const zip = new Uint8Array(await readFile(out));
    const files = entriesOf(zip);
    const facts = JSON.parse(files['support.json']!) as SupportPackFacts;
    expect(facts.jwksUri).toBe('https://keys.example.org/ward-rounds/jwks.json');
    expect(facts.application.identifier).toEqual({ label: 'Client ID', value: '123456789012.apps.supplier', masked: false });
    const assertion = JSON.parse(files['assertion.json']!) as SupportPackFacts['assertion'];
    expect(assertion).toMatchObject({ source: 'illustration', signature: 'none', header: { alg: 'RS256', typ: 'JWT' }, payload: { iss: '123456789012.apps.supplier', sub: '123456789012.apps.supplier' } });
    expect(assertion.note).toMatch(/unsigned illustration/);
    expect(files['README.txt']).toContain('NHS CIS2 Authentication support asks for');
    expect(files['README.txt']).toContain('ILLUSTRATION');
    expect(files['token-request.http']).toContain('grant_type=authorization_code&code=<AUTHORIZATION_CODE>&redirect_uri=https%3A%2F%2Fward.example.org%2Fcallback&client_id=123456789012.apps.supplier');
    expect(files['token-request.http']).toContain('client_assertion=<elided>');
    expect(files['jwks-check.json']).toBeUndefined();
    expect(files['README.txt']).toContain('No jwks_uri check has been kept');
    expect(await scanEveryByte(zip, cis2Id)).toEqual([]);
  });
});

describe('support pack: the scanner refuses what would leak', () => {
  it('refuses (SECRET_WOULD_LEAK, nothing written) when the full API key, the stored secret or a private key would be included', async () => {
    const original = world.services.store.read().registrations[apiId]!.metadata.client_name as string;
    const cases: { clientName: string; label: RegExp }[] = [
      { clientName: `Parcel App ${API_KEY}`, label: /full API key/ },
      { clientName: `Parcel ${privateKeyPemLine()}`, label: /PEM private key/ },
      { clientName: `Parcel {"d":"${String(privateJwk.d)}"}`, label: /private JWK member/ },
    ];
    try {
      for (const { clientName, label } of cases) {
        world.services.drafts.setValues(apiId, { clientName });
        const out = path.join(world.dataDir, `refused-${randomUUID()}.zip`);
        const error = await world.services.supportPack(apiId, out).catch((e: unknown) => e);
        expect(hasErrorCode(error, 'SECRET_WOULD_LEAK'), String(error)).toBe(true);
        expect((error as Error).message).toMatch(label);
        expect((error as Error).message).not.toContain(API_KEY);
        expect((error as Error).message).not.toContain(API_SECRET);
        expect(existsSync(out)).toBe(false);
      }
    } finally {
      world.services.drafts.setValues(apiId, { clientName: original });
    }
  });

  it('refuses (SECRET_WOULD_LEAK, nothing written) when the stored client secret would be included', async () => {
    world.services.drafts.setValues(secretId, { clientName: `Simple Portal ${CIS2_SECRET}` });
    const out = path.join(world.dataDir, `refused-${randomUUID()}.zip`);
    const error = await world.services.supportPack(secretId, out).catch((e: unknown) => e);
    expect(hasErrorCode(error, 'SECRET_WOULD_LEAK'), String(error)).toBe(true);
    expect((error as Error).message).toMatch(/client secret/);
    expect((error as Error).message).not.toContain(CIS2_SECRET);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an unknown registration (NOT_FOUND)', async () => {
    const error = await world.services.supportPack('no-such-registration', path.join(world.dataDir, 'x.zip')).catch((e: unknown) => e);
    expect(hasErrorCode(error, 'NOT_FOUND')).toBe(true);
  });
});

describe('maskApiKey', () => {
  it('shows the first and last 4 characters, and nothing of a key too short to mask that way', () => {
    expect(maskApiKey('abcdEFGHijklMNOPqrstwxyz')).toBe('abcd…wxyz');
    expect(maskApiKey('abcdefghijk')).toBe('…');
  });
});

function privateKeyPemLine(): string {
  return '-----BEGIN PRIVATE KEY-----';
}
