// A pasted assertion is explained: headers NHS ignores (jku, x5u, jwk, x5c) are flagged, the
// claims' shape judged; a well-formed one (alg, kid, typ only) has no remarks.
import { generateKeyPairSync } from 'node:crypto';
import { exportJWK, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { inspectAssertion } from '../../../core/credentials/inspect';
import { runCli } from '../../support/run-cli';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const NOW = new Date('2026-12-01T10:00:00.000Z');
const iat = Math.floor(NOW.getTime() / 1000);
const CLAIMS = { iss: 'client-1', sub: 'client-1', aud: 'https://int.api.service.nhs.uk/oauth2/token', jti: 'a1b2', iat, exp: iat + 290 };

async function sign(header: Record<string, unknown>, claims: Record<string, unknown> = CLAIMS): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS512', ...header }).sign(privateKey);
}

describe('inspectAssertion', () => {
  it('has no remarks for alg, kid, typ and the claims NHS expects', async () => {
    const result = inspectAssertion(await sign({ kid: 'k1', typ: 'JWT' }), { now: NOW });
    expect(result.remarks).toEqual([]);
    expect(result.acceptable).toBe(true);
    expect(Object.keys(result.header).sort()).toEqual(['alg', 'kid', 'typ']);
  });

  it.each(['jku', 'x5u', 'jwk', 'x5c'])('explains a %s header: NHS ignores it and uses the registered key', async (member) => {
    const value = member === 'jwk' ? await exportJWK(publicKey) : member === 'x5c' ? ['MIIB'] : 'https://attacker.example/keys';
    const result = inspectAssertion(await sign({ kid: 'k1', typ: 'JWT', [member]: value }), { now: NOW });
    const remark = result.remarks.find((r) => r.code === `header.${member}`);
    expect(remark?.severity).toBe('warning');
    expect(remark?.message).toMatch(/NHS ignores it/);
    expect(remark?.message).toMatch(/Send alg, kid and typ only/);
  });

  it('refuses what a token endpoint would refuse: no kid, iss ≠ sub, no jti, a lifetime over 300 s', async () => {
    const result = inspectAssertion(await sign({ typ: 'JWT' }, { ...CLAIMS, sub: 'other', jti: undefined, exp: iat + 3600 }), { now: NOW });
    expect(result.remarks.filter((r) => r.severity === 'error').map((r) => r.code).sort()).toEqual(['claims.iss_sub', 'claims.jti', 'claims.lifetime', 'header.kid']);
    expect(result.acceptable).toBe(false);
  });

  it('says plainly when the text is not a JWT', () => {
    expect(() => inspectAssertion('not-a-jwt')).toThrow(/Not a signed JWT/);
  });

  it('oidc-onboard inspect-assertion reads stdin, explains jku, exits 0 for warnings and 1 for errors', async () => {
    const withJku = await runCli(['inspect-assertion'], { stdin: `${await sign({ kid: 'k1', typ: 'JWT', jku: 'https://attacker.example/jwks' })}\n` });
    expect(withJku.code).toBe(0);
    expect(withJku.stdout).toMatch(/\[WARN\] header\.jku: .*NHS ignores it/);
    const noKid = await runCli(['inspect-assertion', '--json'], { stdin: await sign({ typ: 'JWT' }) });
    expect(noKid.code).toBe(1);
    expect(noKid.json<{ remarks: { code: string }[] }>().remarks.map((r) => r.code)).toContain('header.kid');
    expect((await runCli(['inspect-assertion'], { stdin: 'hello' })).code).toBe(2);
  });
});
