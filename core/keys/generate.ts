/**
 * Key pair generation on the libuv threadpool (async `crypto.generateKeyPair`), so an
 * RSA-4096 generation of several seconds never blocks the event loop, with a heartbeat
 * for the UI while it runs.
 */
import { generateKeyPair as generateKeyPairCallback, type KeyObject } from 'node:crypto';
import type { Curve, KeyShape } from './algorithms';

/** Phases reported by key generation; `fraction` is given when known (0..1). */
export type KeyProgressPhase = 'generating' | 'encrypting' | 'storing' | 'done';
/** Progress callback of {@link generateKeyObjects} and the key service. */
export type KeyProgress = (phase: KeyProgressPhase, fraction?: number) => void;

/** Interval of the "still generating" heartbeat, so the UI can animate. */
export const HEARTBEAT_MS = 250;

/** A freshly generated key pair. */
export interface GeneratedKeyObjects {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

function generate(shape: KeyShape): Promise<GeneratedKeyObjects> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, publicKey: KeyObject, privateKey: KeyObject) => {
      if (error) reject(error);
      else resolve({ publicKey, privateKey });
    };
    if (shape.kty === 'RSA') {
      generateKeyPairCallback('rsa', { modulusLength: shape.size, publicExponent: 0x10001 }, done);
    } else {
      generateKeyPairCallback('ec', { namedCurve: nodeCurveName(shape.crv) }, done);
    }
  });
}

/** OpenSSL's name for a JWK curve. */
export function nodeCurveName(crv: Curve): string {
  return crv === 'P-256' ? 'prime256v1' : 'secp384r1';
}

/**
 * Generates a key pair of `shape`, calling `onProgress('generating')` at once and then
 * every {@link HEARTBEAT_MS} until the threadpool returns. The fraction is left
 * undefined: RSA prime search has no meaningful progress measure.
 */
export async function generateKeyObjects(shape: KeyShape, onProgress: KeyProgress = () => undefined): Promise<GeneratedKeyObjects> {
  onProgress('generating');
  const timer = setInterval(() => onProgress('generating'), HEARTBEAT_MS);
  try {
    return await generate(shape);
  } finally {
    clearInterval(timer);
  }
}
