/**
 * Parsing of private keys brought by the user: PEM (PKCS#1 RSA, SEC1 EC, PKCS#8,
 * encrypted PKCS#8 from Node/OpenSSL/us, legacy OpenSSL-encrypted PKCS#1), private
 * JWK (bare or as a one-key JWK Set) and our own JWE export. Public-only input is
 * refused with a clear message, because pasting the public half is the usual mistake.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { compactDecrypt } from 'jose';
import { AppError } from '../../contract/errors';
import { decodeUtf8 } from '../../contract/text/utf8';
import { isSigningAlg, type KeyPolicy, type SigningAlg } from './algorithms';
import { assertKeyFits, keyFacts, type KeyFacts } from './key-material';

/** The private key read from user input, plus hints it carried. */
export interface ParsedPrivateKey {
  privateKey: KeyObject;
  facts: KeyFacts;
  /** What the input was, for messages and logs (never the key). */
  sourceFormat: 'pkcs8-pem' | 'encrypted-pkcs8-pem' | 'pkcs1-pem' | 'sec1-pem' | 'jwk' | 'jwe';
  /** `kid` found in a JWK input. */
  kid?: string;
  /** `alg` found in a JWK input. */
  alg?: string;
}

const PUBLIC_LABELS = new Set(['PUBLIC KEY', 'RSA PUBLIC KEY', 'CERTIFICATE', 'TRUSTED CERTIFICATE', 'X509 CERTIFICATE']);
const PRIVATE_LABELS: Record<string, ParsedPrivateKey['sourceFormat']> = {
  'PRIVATE KEY': 'pkcs8-pem',
  'ENCRYPTED PRIVATE KEY': 'encrypted-pkcs8-pem',
  'RSA PRIVATE KEY': 'pkcs1-pem',
  'EC PRIVATE KEY': 'sec1-pem',
};
const COMPACT_JWE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const MAX_INPUT_CHARS = 64 * 1024;

function publicKeyRefusal(what: string): AppError {
  return new AppError('KEY_INVALID', `This is a public key (${what}), not a private key. Import the private key file; the public key is derived from it.`, {
    details: { reason: 'public-key' },
  });
}

function invalid(message: string, cause?: unknown): AppError {
  return new AppError('KEY_INVALID', message, cause === undefined ? {} : { cause });
}

function parsePem(input: string, passphrase: string | undefined): ParsedPrivateKey {
  const blocks = [...input.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g)];
  if (blocks.length === 0) throw invalid('The text has a PEM header but no complete PEM block.');
  const privateBlock = blocks.find((block) => (block[1] ?? '') in PRIVATE_LABELS);
  if (!privateBlock) {
    const label = blocks[0]?.[1] ?? '';
    if (PUBLIC_LABELS.has(label)) throw publicKeyRefusal(label === 'PUBLIC KEY' || label === 'RSA PUBLIC KEY' ? `PEM "${label}"` : 'a certificate');
    throw invalid(`A PEM "${label}" block is not a private key.`);
  }
  const label = privateBlock[1] ?? '';
  const pem = privateBlock[0];
  const sourceFormat = PRIVATE_LABELS[label] ?? 'pkcs8-pem';
  const encrypted = label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/.test(pem);
  if (encrypted && (passphrase === undefined || passphrase.length === 0)) {
    throw new AppError('PASSPHRASE_REQUIRED', 'This private key is encrypted; enter its passphrase.');
  }
  let privateKey: KeyObject;
  try {
    privateKey = encrypted ? createPrivateKey({ key: pem, format: 'pem', passphrase: passphrase ?? '' }) : createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    // With CBC padding a wrong passphrase usually fails the padding check, but now and then
    // it decrypts to garbage that fails DER parsing instead: both mean "wrong passphrase".
    if (encrypted) throw new AppError('PASSPHRASE_INCORRECT', 'The passphrase does not open this private key.', { cause: error });
    throw invalid(`The ${label} block could not be read as a private key.`, error);
  }
  return { privateKey, facts: keyFacts(privateKey), sourceFormat: encrypted && sourceFormat === 'pkcs1-pem' ? 'pkcs1-pem' : sourceFormat };
}

function parseJwk(value: unknown, sourceFormat: 'jwk' | 'jwe'): ParsedPrivateKey {
  let jwk = value;
  if (jwk !== null && typeof jwk === 'object' && Array.isArray((jwk as { keys?: unknown }).keys)) {
    const keys = (jwk as { keys: unknown[] }).keys;
    if (keys.length !== 1) throw invalid(`The JWK Set holds ${keys.length} keys; import one private JWK at a time.`);
    jwk = keys[0];
  }
  if (jwk === null || typeof jwk !== 'object' || typeof (jwk as { kty?: unknown }).kty !== 'string') {
    throw invalid('The JSON is not a JSON Web Key (no "kty").');
  }
  const record = jwk as Record<string, unknown>;
  if (record.kty === 'oct') throw invalid('This is a symmetric (oct) key; a signing key pair (RSA or EC) is needed.');
  if (!('d' in record)) throw publicKeyRefusal('a JWK without "d"');
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: record as never, format: 'jwk' });
  } catch (error) {
    throw invalid('The JWK could not be read as a private key (missing or malformed members).', error);
  }
  const parsed: ParsedPrivateKey = { privateKey, facts: keyFacts(privateKey), sourceFormat };
  if (typeof record.kid === 'string' && record.kid.length > 0) parsed.kid = record.kid;
  if (typeof record.alg === 'string') parsed.alg = record.alg;
  return parsed;
}

async function parseJwe(input: string, passphrase: string | undefined): Promise<ParsedPrivateKey> {
  if (passphrase === undefined || passphrase.length === 0) throw new AppError('PASSPHRASE_REQUIRED', 'This JWE is encrypted; enter its passphrase.');
  let plaintext: Uint8Array;
  try {
    const result = await compactDecrypt(input, new TextEncoder().encode(passphrase.normalize('NFC')), {
      keyManagementAlgorithms: ['PBES2-HS256+A128KW', 'PBES2-HS384+A192KW', 'PBES2-HS512+A256KW'],
      // Our exports use 600,000; allow headroom but stop absurd counts (a denial-of-service vector).
      maxPBES2Count: 5_000_000,
    });
    plaintext = result.plaintext;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_JWE_DECRYPTION_FAILED') throw new AppError('PASSPHRASE_INCORRECT', 'The passphrase does not open this JWE.', { cause: error });
    throw invalid('The JWE could not be decrypted (only password-based PBES2 JWEs are supported).', error);
  }
  let json: unknown;
  try {
    json = JSON.parse(decodeUtf8(plaintext, 'The decrypted key'));
  } finally {
    plaintext.fill(0);
  }
  return parseJwk(json, 'jwe');
}

/**
 * Reads a private key from text. Throws `KEY_INVALID` (unreadable, public-only,
 * unsupported type), `PASSPHRASE_REQUIRED` or `PASSPHRASE_INCORRECT`.
 */
export async function parsePrivateKeyInput(input: string, passphrase?: string): Promise<ParsedPrivateKey> {
  if (input.length > MAX_INPUT_CHARS) throw invalid('The input is too large to be a private key.');
  const text = input.trim().replace(/^\uFEFF/, '');
  if (text.includes('-----BEGIN ')) return parsePem(text, passphrase);
  if (text.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw invalid('The text looks like JSON but does not parse.', error);
    }
    return parseJwk(json, 'jwk');
  }
  if (COMPACT_JWE.test(text)) return parseJwe(text, passphrase);
  throw invalid('Unrecognised key format: paste a PEM private key, a private JWK, or a JWE exported by this app.');
}

/**
 * Picks the signing algorithm for an imported key: the caller's choice, else the JWK's
 * `alg`, else the curve's ES alg, else the profile's first RSA alg. Then checks the key
 * fits it under `policy` (RSA ≥ 2048, allowed curve/alg).
 */
export function chooseImportAlg(parsed: ParsedPrivateKey, policy: KeyPolicy, requested?: SigningAlg): SigningAlg {
  let alg: string | undefined = requested ?? parsed.alg;
  if (alg === undefined) {
    if (parsed.facts.kty === 'EC') alg = parsed.facts.crv === 'P-256' ? 'ES256' : 'ES384';
    else alg = policy.allowedAlgs.find((candidate) => /^(RS|PS)(256|384|512)$/.test(candidate)) ?? 'RS256';
  }
  if (!isSigningAlg(alg)) {
    throw new AppError('UNSUPPORTED_ALGORITHM', `The key is marked for ${alg}, which is not a supported signing algorithm.`, { details: { alg } });
  }
  assertKeyFits(parsed.facts, alg, policy);
  return alg;
}
