// Online verification against a real local HTTPS jwks_uri (test CA): unchanged → valid;
// the published set changed after packaging → the difference is reported and the request
// no longer verifies against the live set.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verificationToMarkdown } from '../../../core/package/report';
import { verifyPackage } from '../../../core/package/verify';
import { readZip } from '../../../core/package/zip';
import { json, startHttpsServer, type TestServer } from '../../support/hostile-server';
import { rsaKey } from '../../support/jwks-servers';
import { getTestPki, LOCAL_HOSTS } from '../../support/test-pki';
import { leaks } from './helpers';
import { createWorld, type World } from './service-helpers';

let world: World;
let server: TestServer;
let caPem: string;
let served: unknown;
let id: string;

beforeAll(async () => {
  world = await createWorld();
  const pki = await getTestPki();
  caPem = pki.caCertPem;
  const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
  server = await startHttpsServer({ cert: leaf.chainPem, key: leaf.keyPem, handler: (req, res, ctx) => json(served, { 'cache-control': 'public, max-age=300' })(req, res, ctx) });
  const view = world.services.drafts.create({ provider: 'nhs-api-platform', environment: 'int', clientName: 'Live App' });
  id = view.registration.id;
  await world.services.keys.generate(id, { size: 2048 });
  served = JSON.parse(world.services.keys.jwks(id));
  world.services.drafts.setValues(id, { jwksUri: server.url('/jwks.json') });
});

afterAll(async () => {
  await server?.close();
  await world?.cleanup();
});

describe('package + verify against a live jwks_uri', () => {
  it('embeds a fresh check, verifies online while nothing changed, and reports what changed after', async () => {
    // The API platform could never reach a loopback jwks_uri: packaging it needs an acknowledgement.
    const LOCAL = 'Local test server, not the published jwks_uri';
    const built = await world.packages.build(id, { out: path.join(world.dataDir, 'live.zip'), caPem, acknowledgeFindings: LOCAL });
    expect(built.manifest.acknowledgement?.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['jwks_uri.not_public_for_provider', 'dns.public']));
    expect(built.manifest.jwksCheck).toMatchObject({ included: true, fresh: true, url: server.url('/jwks.json') });
    const bytes = new Uint8Array(await readFile(built.path));
    expect(readZip(bytes).map((e) => e.name)).toEqual(expect.arrayContaining(['jwks-check.json', 'jwks-check.md', 'jwks-check.html']));
    expect(leaks(bytes)).toEqual([]);

    // The test jwks_uri is on loopback: a package's jwks_uri is untrusted, so verifying it needs the explicit allow.
    const online = { caPem, fetcher: world.services.ports.fetcher, allowPrivateNetwork: true };
    const same = await verifyPackage(bytes, online);
    expect(same.verdict, JSON.stringify(same.steps, null, 2)).toBe('valid');
    expect(same.steps.find((s) => s.id === 'live.signature')?.status).toBe('pass');
    expect(same.live).toMatchObject({ status: 'pass', reachable: true, keyPublished: true, checkThen: 'warn', checkNow: 'warn' }); // warn: a loopback jwks_uri is not public
    expect(same.steps.find((s) => s.id === 'live.check')).toMatchObject({ status: 'pass', message: expect.stringMatching(/Unchanged/) });

    // The developer rotates to a key the package was not signed with.
    served = { keys: [rsaKey(2048, 'rotated-key').publicJwk] };
    const changed = await verifyPackage(bytes, online);
    expect(changed.verdict).toBe('invalid');
    expect(changed.intact.status).toBe('pass');
    expect(changed.live).toMatchObject({ status: 'fail', reachable: true, keyPublished: false, checkThen: 'warn' });
    expect(changed.headline).toMatch(/^The package itself is intact; its live state fails: the signing key is no longer published/);
    expect(changed.steps.find((s) => s.id === 'live.signature')).toMatchObject({ status: 'fail', message: expect.stringMatching(/not \(or no longer\) published/) });
    expect(changed.steps.find((s) => s.id === 'live.check')?.status).toBe('warn');
    expect(changed.liveDiff?.changed.map((c) => c.id)).toContain('match.local-key');
    expect(changed.liveDiff?.changed.find((c) => c.id === 'match.local-key')).toMatchObject({ before: 'pass', after: 'fail' });
    expect(verificationToMarkdown(changed)).toContain('match.local-key');

    // Offline, the same file is still intact.
    expect((await verifyPackage(bytes, { offline: true })).verdict).toBe('valid');
  });

  it('treats the package\'s loopback jwks_uri as untrusted: refused before connecting unless private networks are allowed', async () => {
    served = JSON.parse(world.services.keys.jwks(id));
    const built = await world.packages.build(id, { out: path.join(world.dataDir, 'untrusted.zip'), caPem, acknowledgeFindings: 'Local test server' });
    const bytes = new Uint8Array(await readFile(built.path));
    const before = server.connectionCount;
    const refused = await verifyPackage(bytes, { caPem, fetcher: world.services.ports.fetcher });
    expect(server.connectionCount).toBe(before);
    expect(refused.verdict).toBe('invalid');
    expect(refused.steps.find((s) => s.id === 'live.signature')).toMatchObject({ status: 'fail', message: expect.stringMatching(/Refused before connecting: localhost resolves to .*loopback.*the package being verified.*--allow-private-network/s) });
    expect(refused.steps.find((s) => s.id === 'live.check')).toMatchObject({ status: 'skip', message: expect.stringMatching(/network policy/) });
    // The intact steps are unaffected.
    expect(refused.steps.filter((s) => !s.id.startsWith('live.')).every((s) => s.status !== 'fail')).toBe(true);
    const allowed = await verifyPackage(bytes, { caPem, fetcher: world.services.ports.fetcher, allowPrivateNetwork: true });
    expect(allowed.steps.find((s) => s.id === 'live.signature')?.status).toBe('pass');
    expect(server.connectionCount).toBeGreaterThan(before);
  });

  it('packages offline with the latest kept check, and says so', async () => {
    served = JSON.parse(world.services.keys.jwks(id));
    const built = await world.packages.build(id, { out: path.join(world.dataDir, 'offline.zip'), offline: true, acknowledgeFindings: 'Local test server' });
    expect(built.manifest.jwksCheck).toMatchObject({ included: true, fresh: false });
    expect(built.manifest.notes.join(' ')).toMatch(/offline/i);
  });
});
