/**
 * Extra servers, handlers and key fixtures for the jwks_uri tester tests (the generic
 * ones live in hostile-server.ts):
 *
 *   startTlsOptionsServer({ cert, key, handler, tls: { maxVersion: 'TLSv1.1' } })  // legacy TLS
 *   alternating([json(a), json(b)])       // replicas that disagree, counter local to the handler
 *   const k = rsaKey(2048, 'kid-1');      // { publicJwk, privateKey, sign(claims) }
 */
import { generateKeyPairSync, X509Certificate, type KeyObject } from 'node:crypto';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type * as tls from 'node:tls';
import { SignJWT, type JWK } from 'jose';
import type { Handler } from './hostile-server';

/** A running server with the TLS options the shared helper does not expose. */
export interface TlsOptionsServer {
  url(path?: string): string;
  close(): Promise<void>;
}

/** An HTTPS server on 127.0.0.1 with extra TLS options (e.g. a TLS 1.1-only server). */
export async function startTlsOptionsServer(options: { cert: string; key: string; handler: Handler; tls: tls.SecureContextOptions & { minVersion?: tls.SecureVersion; maxVersion?: tls.SecureVersion } }): Promise<TlsOptionsServer> {
  const sockets = new Set<Socket>();
  let index = 0;
  const server = https.createServer({ cert: options.cert, key: options.key, ...options.tls }, (req, res) => {
    res.on('error', () => undefined);
    options.handler(req, res, { requestIndex: index++ });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = '/') => `https://localhost:${port}${path}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        for (const s of sockets) s.destroy();
      }),
  };
}

/** Handlers taken in turn, with a counter of its own (independent of other routes). */
export function alternating(handlers: Handler[]): Handler {
  let n = 0;
  return (req, res, ctx) => {
    const handler = handlers[n++ % handlers.length] as Handler;
    handler(req, res, ctx);
  };
}

/** A test key: its public JWK (with kid, use, alg), the private KeyObject, and a signer. */
export interface TestKey {
  publicJwk: JWK;
  privateKey: KeyObject;
  /** Full private JWK (for "published private key" cases only). */
  privateJwk: JWK;
  sign(claims: Record<string, unknown>): Promise<string>;
}

function wrap(publicKey: KeyObject, privateKey: KeyObject, kid: string, alg: string): TestKey {
  const publicJwk = { ...(publicKey.export({ format: 'jwk' }) as JWK), kid, use: 'sig', alg };
  const privateJwk = { ...(privateKey.export({ format: 'jwk' }) as JWK), kid, use: 'sig', alg };
  return {
    publicJwk,
    privateKey,
    privateJwk,
    sign: (claims) => new SignJWT(claims).setProtectedHeader({ alg, kid, typ: 'JWT' }).sign(privateKey),
  };
}

/** An RSA key of `bits` (node:crypto, so sizes below jose's minimum are possible). */
export function rsaKey(bits: number, kid: string, alg = 'RS256'): TestKey {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return wrap(publicKey, privateKey, kid, alg);
}

/** An EC key on `curve` (P-256 → ES256, P-384 → ES384). */
export function ecKey(curve: 'P-256' | 'P-384', kid: string): TestKey {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: curve === 'P-256' ? 'prime256v1' : 'secp384r1' });
  return wrap(publicKey, privateKey, kid, curve === 'P-256' ? 'ES256' : 'ES384');
}

/** The public JWK of a PEM certificate and the certificate as an x5c entry (standard base64 DER). */
export function certJwk(certPem: string): { jwk: JWK; x5c: string } {
  const cert = new X509Certificate(certPem);
  return { jwk: cert.publicKey.export({ format: 'jwk' }) as JWK, x5c: cert.raw.toString('base64') };
}
