/**
 * A throw-away PKI for tests: a root CA (pass `caCertPem` to the fetcher as
 * `extraCaPem`), an intermediate, and functions issuing the leaf certificates
 * the TLS tests need (good, expired, not yet valid, wrong host, self-signed,
 * intermediate-issued). Keys are P-256 by default, so generation is fast.
 *
 * Usage:
 *   const pki = await getTestPki();            // cached per test file (per module instance)
 *   const leaf = await pki.issueLeaf({ hosts: ['localhost', '127.0.0.1'] });
 *   startHttpsServer({ cert: leaf.chainPem, key: leaf.keyPem, handler })
 *   createFetcher({ extraCaPem: [pki.caCertPem] })
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import type { webcrypto as WebCrypto } from 'node:crypto';
import { isIP } from 'node:net';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

type CryptoKey = WebCrypto.CryptoKey;
type CryptoKeyPair = WebCrypto.CryptoKeyPair;

/** Key algorithm of issued certificates. */
export type TestKeyType = 'p256' | 'rsa2048';

/** A certificate with its key. `chainPem` = leaf + intermediates (what a server sends); never the root. */
export interface IssuedCert {
  certPem: string;
  keyPem: string;
  chainPem: string;
}

/** Options for a leaf certificate. */
export interface LeafOptions {
  /** DNS names and IP addresses for the SAN (the first becomes the CN). */
  hosts: string[];
  notBefore?: Date;
  notAfter?: Date;
  keyType?: TestKeyType;
}

/** The test PKI. */
export interface TestPki {
  /** PEM of the root CA: trust this. */
  caCertPem: string;
  /** PEM of the intermediate CA (issued by the root). */
  intermediateCertPem: string;
  /** A leaf issued directly by the root. */
  issueLeaf(opts: LeafOptions): Promise<IssuedCert>;
  /** A leaf issued by the intermediate; `chainPem` includes the intermediate, `leafOnlyPem` does not. */
  issueIntermediateLeaf(opts: LeafOptions): Promise<IssuedCert & { leafOnlyPem: string }>;
  /** A self-signed certificate (not issued by the CA). */
  selfSigned(opts: LeafOptions): Promise<IssuedCert>;
  /** A root-issued leaf that expired yesterday. */
  expiredLeaf(hosts?: string[]): Promise<IssuedCert>;
  /** A root-issued leaf valid only from tomorrow. */
  notYetValidLeaf(hosts?: string[]): Promise<IssuedCert>;
  /** A root-issued leaf for `wrong-host.example` only. */
  wrongHostLeaf(): Promise<IssuedCert>;
}

/** Default hosts of a local test server. */
export const LOCAL_HOSTS = ['localhost', '127.0.0.1', '::1'];

const DAY = 86_400_000;

function algorithm(keyType: TestKeyType): WebCrypto.RsaHashedKeyGenParams | WebCrypto.EcKeyGenParams {
  return keyType === 'rsa2048'
    ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 }
    : { name: 'ECDSA', namedCurve: 'P-256' };
}

function signing(keyType: TestKeyType): WebCrypto.Algorithm | WebCrypto.EcdsaParams {
  return keyType === 'rsa2048' ? { name: 'RSASSA-PKCS1-v1_5' } : { name: 'ECDSA', hash: 'SHA-256' };
}

async function generateKeys(keyType: TestKeyType): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(algorithm(keyType), true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function keyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').trim();
  return `-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----\n`;
}

function pem(cert: x509.X509Certificate): string {
  return `${cert.toString('pem').trim()}\n`;
}

function serial(): string {
  // Positive, non-zero, 16 bytes.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return Buffer.from(bytes).toString('hex');
}

function sanFor(hosts: string[]): x509.SubjectAlternativeNameExtension {
  return new x509.SubjectAlternativeNameExtension(hosts.map((h) => ({ type: isIP(h) ? 'ip' : 'dns', value: h })));
}

interface Authority {
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
}

async function createCa(name: string, issuer: Authority | undefined, keyType: TestKeyType): Promise<Authority> {
  const keys = await generateKeys(keyType);
  const now = Date.now();
  const extensions = [
    new x509.BasicConstraintsExtension(true, issuer ? 0 : 1, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  const cert = issuer
    ? await x509.X509CertificateGenerator.create({
        serialNumber: serial(),
        subject: name,
        issuer: issuer.cert.subject,
        notBefore: new Date(now - DAY),
        notAfter: new Date(now + 3650 * DAY),
        publicKey: keys.publicKey,
        signingKey: issuer.keys.privateKey,
        signingAlgorithm: signing(keyType),
        extensions: [...extensions, await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey)],
      })
    : await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: serial(),
        name,
        notBefore: new Date(now - DAY),
        notAfter: new Date(now + 3650 * DAY),
        keys,
        signingAlgorithm: signing(keyType),
        extensions,
      });
  return { cert, keys };
}

async function leaf(issuer: Authority, opts: LeafOptions, caKeyType: TestKeyType): Promise<{ cert: x509.X509Certificate; keyPem: string }> {
  const keyType = opts.keyType ?? 'p256';
  const keys = await generateKeys(keyType);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${opts.hosts[0] ?? 'test'}`,
    issuer: issuer.cert.subject,
    notBefore: opts.notBefore ?? new Date(now - DAY),
    notAfter: opts.notAfter ?? new Date(now + 90 * DAY),
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    signingAlgorithm: signing(caKeyType),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      sanFor(opts.hosts),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey),
    ],
  });
  return { cert, keyPem: await keyPem(keys.privateKey) };
}

/** Creates a fresh PKI (root + intermediate). Prefer {@link getTestPki}, which caches it. */
export async function createTestPki(options: { keyType?: TestKeyType } = {}): Promise<TestPki> {
  const caKeyType = options.keyType ?? 'p256';
  const root = await createCa('CN=OIDC Onboard Test Root CA, O=OIDC Onboard tests', undefined, caKeyType);
  const intermediate = await createCa('CN=OIDC Onboard Test Intermediate CA, O=OIDC Onboard tests', root, caKeyType);

  const issueLeaf = async (opts: LeafOptions): Promise<IssuedCert> => {
    const { cert, keyPem: key } = await leaf(root, opts, caKeyType);
    return { certPem: pem(cert), keyPem: key, chainPem: pem(cert) };
  };

  return {
    caCertPem: pem(root.cert),
    intermediateCertPem: pem(intermediate.cert),
    issueLeaf,
    async issueIntermediateLeaf(opts) {
      const { cert, keyPem: key } = await leaf(intermediate, opts, caKeyType);
      return { certPem: pem(cert), keyPem: key, chainPem: pem(cert) + pem(intermediate.cert), leafOnlyPem: pem(cert) };
    },
    async selfSigned(opts) {
      const keyType = opts.keyType ?? 'p256';
      const keys = await generateKeys(keyType);
      const now = Date.now();
      const cert = await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: serial(),
        name: `CN=${opts.hosts[0] ?? 'self-signed'}`,
        notBefore: opts.notBefore ?? new Date(now - DAY),
        notAfter: opts.notAfter ?? new Date(now + 90 * DAY),
        keys,
        signingAlgorithm: signing(keyType),
        extensions: [new x509.BasicConstraintsExtension(false, undefined, true), sanFor(opts.hosts)],
      });
      return { certPem: pem(cert), keyPem: await keyPem(keys.privateKey), chainPem: pem(cert) };
    },
    expiredLeaf: (hosts = LOCAL_HOSTS) =>
      issueLeaf({ hosts, notBefore: new Date(Date.now() - 30 * DAY), notAfter: new Date(Date.now() - DAY) }),
    notYetValidLeaf: (hosts = LOCAL_HOSTS) =>
      issueLeaf({ hosts, notBefore: new Date(Date.now() + DAY), notAfter: new Date(Date.now() + 30 * DAY) }),
    wrongHostLeaf: () => issueLeaf({ hosts: ['wrong-host.example'] }),
  };
}

let cached: Promise<TestPki> | undefined;

/** The PKI of this test file: created on first use, then reused (Vitest isolates modules per file). */
export function getTestPki(): Promise<TestPki> {
  cached ??= createTestPki();
  return cached;
}
