/**
 * Strict UTF-8 decoding of what the user hands us (files, stdin, package members). A lenient
 * decoder silently turns bad bytes into U+FFFD, so a damaged file would be judged as something
 * it is not; here bad bytes are an `INPUT_UNREADABLE` error naming the first bad byte's offset.
 */
import { AppError } from '../errors';

/**
 * The byte offset of the first byte that does not start or continue a well-formed UTF-8
 * sequence (Unicode 15 §3.9, Table 3-7: no overlongs, no surrogates, nothing above U+10FFFF),
 * or `undefined` when all of `bytes` is well formed.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number | undefined {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    // The first continuation byte has the narrowed range; the others are 80..BF.
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return undefined;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * `bytes` as text: strictly UTF-8, a leading byte-order mark dropped.
 *
 * @param what - what the bytes are, for the message: "the metadata file ./app.json", "stdin".
 * @throws AppError `INPUT_UNREADABLE` with `details.offset` (the first bad byte) when `bytes` is
 *   not well-formed UTF-8.
 */
export function decodeUtf8(bytes: Uint8Array, what: string): string {
  const decoded = tryDecodeUtf8(bytes);
  if ('offset' in decoded) {
    const { offset } = decoded;
    throw new AppError('INPUT_UNREADABLE', `${what} is not valid UTF-8: invalid byte 0x${bytes[offset]?.toString(16).padStart(2, '0') ?? '??'} at byte offset ${offset}. Save it as UTF-8 and try again.`, {
      details: { reason: 'invalid-utf8', offset },
    });
  }
  return decoded.text;
}

/**
 * `bytes` as text (strict UTF-8, a leading byte-order mark dropped), or the offset of the first
 * bad byte. The built-in decoder does the work; the offset is searched for only when it fails.
 */
export function tryDecodeUtf8(bytes: Uint8Array): { text: string } | { offset: number } {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { offset: firstInvalidUtf8Offset(bytes) ?? 0 };
  }
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}
