// Values and keys agree, and reachability blocks NHS packages (issue 11 items 3-4), through the
// real services: drafts, key ring (real keychain), jwks_uri check against a loopback HTTPS
// server with the test CA, package build and verification.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../contract/errors';
import { verifyPackage } from '../../../core/package/verify';
import { json, startHttpsServer, type TestServer } from '../../support/hostile-server';
import { getTestPki, LOCAL_HOSTS } from '../../support/test-pki';
import { createWorld, type World } from './service-helpers';

let world: World;
let server: TestServer;
let caPem: string;
const out = (name: string) => path.join(world.dataDir, 'out', name);

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a rejection');
}

/** A CIS2 INT draft with valid values (public jwks_uri) and `alg` declared. */
function cis2Draft(name: string, alg: string, provider = 'nhs-cis2', environment = 'int'): string {
  const view = world.services.drafts.create({ provider, environment, clientName: name });
  const id = view.registration.id;
  world.services.drafts.update(id, {
    metadata: {
      ...view.registration.metadata,
      redirect_uris: ['https://wards.example.org/callback'],
      contacts: ['ops@example.org'],
      jwks_uri: 'https://keys.example.org/.well-known/jwks.json',
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: alg,
    },
  });
  return id;
}

const codes = (id: string) => world.services.drafts.get(id).report.findings.map((f) => `${f.code}@${f.path}`);

beforeAll(async () => {
  world = await createWorld();
  const pki = await getTestPki();
  caPem = pki.caCertPem;
  const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
  server = await startHttpsServer({ cert: leaf.chainPem, key: leaf.keyPem, handler: json({ keys: [] }) });
});

afterAll(async () => {
  await server?.close();
  await world?.cleanup();
});

describe('declared algorithm and active key', () => {
  it('refuses to generate a key that contradicts the declaration, with the set --signing-alg hint', async () => {
    const id = cis2Draft('Refuses ES', 'RS256');
    const error = await rejection(world.services.keys.generate(id, { alg: 'ES256' }));
    expect(error.code).toBe('UNSUPPORTED_ALGORITHM');
    expect(error.message).toContain(`oidc-onboard set ${id} --signing-alg ES256`);
    expect(world.services.keys.view(id).records).toEqual([]);
  });

  it('generates for the declared algorithm by default (PS256 declared → a PS256 key)', async () => {
    const id = cis2Draft('Declares PS', 'PS256');
    expect(world.services.keys.policyFor(id)).toMatchObject({ defaultAlg: 'PS256', declaredAlg: 'PS256' });
    const { record } = await world.services.keys.generate(id, {});
    expect(record).toMatchObject({ alg: 'PS256', kty: 'RSA', state: 'active' });
    expect(world.services.drafts.get(id).report.valid).toBe(true);
  });

  it('re-judges the keys when the declaration changes; packaging is refused until acknowledged; verify-package reports the mismatch', async () => {
    const id = cis2Draft('ES key RS declared', 'ES256');
    await world.services.keys.generate(id, {});
    expect(codes(id)).not.toContain('signing_alg.key_mismatch@token_endpoint_auth_signing_alg');

    const view = world.services.drafts.setValues(id, { signingAlg: 'RS256' });
    expect(view.report.valid).toBe(false);
    const finding = view.report.findings.find((f) => f.code === 'signing_alg.key_mismatch');
    expect(finding).toMatchObject({ severity: 'error', path: 'token_endpoint_auth_signing_alg' });
    expect(finding?.message).toMatch(/EC P-256/);

    const blocked = await rejection(world.packages.build(id, { out: out('mismatch.zip'), offline: true }));
    expect(blocked.code).toBe('FINDINGS_BLOCK');
    expect((blocked.details?.findings as { code: string }[]).map((f) => f.code)).toContain('signing_alg.key_mismatch');

    const built = await world.packages.build(id, { out: out('mismatch-acked.zip'), offline: true, acknowledgeFindings: 'Testing the verifier' });
    expect(built.manifest.acknowledgement?.findings.map((f) => f.code)).toContain('signing_alg.key_mismatch');
    const verified = await verifyPackage(new Uint8Array(await readFile(built.path)), { offline: true });
    expect(verified.verdict).toBe('invalid');
    const metadata = verified.steps.find((s) => s.id === 'metadata');
    expect(metadata?.status).toBe('fail');
    expect(metadata?.message).toMatch(/cannot produce the declared token_endpoint_auth_signing_alg/);
  });

  it('verify-package passes a package whose key fits the declaration', async () => {
    const id = cis2Draft('ES fits', 'ES256');
    await world.services.keys.generate(id, {});
    const built = await world.packages.build(id, { out: out('fits.zip'), offline: true });
    const verified = await verifyPackage(new Uint8Array(await readFile(built.path)), { offline: true });
    expect(verified.steps.find((s) => s.id === 'metadata')?.status).toBe('pass');
  });
});

describe('reachability for NHS providers', () => {
  it('a loopback jwks_uri is an error for CIS2 and blocks packaging', async () => {
    const id = cis2Draft('Loopback keys', 'RS256');
    await world.services.keys.generate(id, { size: 2048 });
    world.services.drafts.setValues(id, { jwksUri: 'https://127.0.0.1:8443/jwks.json' });
    expect(world.services.drafts.get(id).report.valid).toBe(false);
    expect(codes(id)).toContain('jwks_uri.not_public_for_provider@jwks_uri');
    const blocked = await rejection(world.packages.build(id, { out: out('loopback.zip'), offline: true }));
    expect(blocked.code).toBe('FINDINGS_BLOCK');
  });

  it('a kept check whose dns.public is not a pass blocks an NHS package unless acknowledged (recorded), not a generic one', async () => {
    for (const [provider, environment, blocks] of [['nhs-cis2', 'int', true], ['generic-oidc', 'default', false]] as const) {
      const id = cis2Draft(`Private DNS ${provider}`, 'RS256', provider, environment);
      await world.services.keys.generate(id, { size: 2048 });
      // The check ran against an address that is not public (loopback here).
      const { report } = await world.services.checks.run({ registrationId: id, url: server.url('/jwks.json'), caPem });
      expect(report.checks.find((c) => c.id === 'dns.public')?.status).toBe('warn');
      const preview = await world.packages.preview(id);
      expect(preview.blocking.map((f) => f.code).includes('dns.public')).toBe(blocks);
      if (!blocks) continue;
      const blocked = await rejection(world.packages.build(id, { out: out('private-dns.zip'), offline: true, acknowledgeFindings: '' }));
      expect(blocked.code).toBe('FINDINGS_BLOCK');
      const dns = (blocked.details?.findings as { code: string; message: string }[]).find((f) => f.code === 'dns.public');
      expect(dns?.message).toMatch(/could not use them/);
      const built = await world.packages.build(id, { out: out('private-dns-acked.zip'), offline: true, acknowledgeFindings: 'Public DNS record goes live on Monday' });
      expect(built.manifest.acknowledgement).toMatchObject({ reason: 'Public DNS record goes live on Monday' });
      expect(built.manifest.acknowledgement?.findings.map((f) => f.code)).toContain('dns.public');
    }
  });
});
