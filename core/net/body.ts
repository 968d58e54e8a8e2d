/**
 * Reads a response body under a cap on DECODED bytes. Content-Encoding is
 * decoded here, chunk by chunk with node:zlib, so a compression bomb is stopped
 * after `maxBodyBytes` of output instead of being inflated into memory.
 */
import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import { AppError } from '../../contract/errors';

/** The encodings we ask for and decode. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

type Coding = 'gzip' | 'deflate' | 'br';

/** The body and what it took to read it. */
export interface BodyRead {
  body: Buffer;
  encodedBytes: number;
  contentEncoding: Coding | undefined;
}

/**
 * Parses `content-encoding`.
 *
 * @throws AppError `NETWORK_PROTOCOL` for stacked (`gzip, br`) or unknown codings.
 */
export function parseContentEncoding(header: string | undefined): Coding | undefined {
  if (header === undefined) return undefined;
  const codings = header
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  if (codings.length === 0) return undefined;
  if (codings.length > 1) {
    throw new AppError('NETWORK_PROTOCOL', `The server stacked content encodings (${header}); refusing to decode.`, {
      details: { phase: 'body', reason: 'stacked-encoding', contentEncoding: header },
    });
  }
  const coding = codings[0];
  if (coding === 'gzip' || coding === 'x-gzip') return 'gzip';
  if (coding === 'deflate') return 'deflate';
  if (coding === 'br') return 'br';
  throw new AppError('NETWORK_PROTOCOL', `The server used an unknown content encoding (${header}).`, {
    details: { phase: 'body', reason: 'unknown-encoding', contentEncoding: header },
  });
}

function createDecoder(coding: Coding, firstChunk: Buffer): Transform {
  // Loaded on the first encoded body, not with the fetcher: most short CLI runs never decode one.
  const zlib = process.getBuiltinModule('node:zlib');
  switch (coding) {
    case 'gzip':
      return zlib.createGunzip();
    case 'br':
      return zlib.createBrotliDecompress();
    case 'deflate': {
      // "deflate" should be zlib-wrapped (RFC 9110) but some servers send raw deflate: sniff the zlib header.
      const b0 = firstChunk[0] ?? 0;
      const b1 = firstChunk[1] ?? 0;
      const zlibWrapped = (b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0;
      return zlibWrapped ? zlib.createInflate() : zlib.createInflateRaw();
    }
  }
}

function tooLarge(maxBodyBytes: number, which: 'decoded' | 'encoded'): AppError {
  return new AppError('NETWORK_TOO_LARGE', `The response body exceeds ${maxBodyBytes} bytes.`, {
    details: { phase: 'body', maxBodyBytes, counted: which },
  });
}

/**
 * Collects `res`, decoding `coding`, and rejects with `NETWORK_TOO_LARGE` past
 * `maxBodyBytes` decoded bytes, `NETWORK_PROTOCOL` on corrupt encoded data, and
 * `NETWORK_CONNECT` when the connection closes before the body is complete. The
 * caller destroys the request (and so the socket) on rejection.
 */
export function readBody(res: IncomingMessage, coding: Coding | undefined, maxBodyBytes: number): Promise<BodyRead> {
  // Compressed data is never much larger than its output; this bounds endless streams of empty gzip members.
  const maxEncoded = maxBodyBytes + 1024 + Math.ceil(maxBodyBytes / 100);
  return new Promise<BodyRead>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let decoded = 0;
    let encoded = 0;
    let decoder: Transform | undefined;
    let done = false;

    const finish = (error?: AppError): void => {
      if (done) return;
      done = true;
      if (error) {
        decoder?.destroy();
        chunks.length = 0;
        reject(error);
      } else {
        resolve({ body: Buffer.concat(chunks, decoded), encodedBytes: encoded, contentEncoding: coding });
      }
    };
    const accept = (chunk: Buffer): void => {
      if (done) return;
      decoded += chunk.length;
      if (decoded > maxBodyBytes) finish(tooLarge(maxBodyBytes, 'decoded'));
      else chunks.push(chunk);
    };
    const ensureDecoder = (first: Buffer): Transform => {
      if (decoder) return decoder;
      const created = createDecoder(coding as Coding, first);
      created.on('data', accept);
      created.on('end', () => finish());
      created.on('error', (cause: Error) =>
        finish(
          new AppError('NETWORK_PROTOCOL', `The ${coding} response body is corrupt.`, {
            cause,
            details: { phase: 'body', reason: 'bad-encoding', contentEncoding: coding, zlibCode: (cause as { code?: string }).code },
          }),
        ),
      );
      decoder = created;
      return created;
    };

    res.on('data', (chunk: Buffer) => {
      if (done) return;
      encoded += chunk.length;
      if (encoded > maxEncoded) return finish(tooLarge(maxBodyBytes, 'encoded'));
      if (coding === undefined) return accept(chunk);
      const target = ensureDecoder(chunk);
      // Backpressure: inflate output is handed over a chunk at a time, so memory stays bounded.
      if (!target.write(chunk)) {
        res.pause();
        target.once('drain', () => res.resume());
      }
    });
    res.on('end', () => {
      if (coding === undefined) finish();
      else if (decoder) decoder.end();
      else finish(); // empty body with a content-encoding header
    });
    res.on('error', (cause) =>
      finish(new AppError('NETWORK_CONNECT', 'The connection failed while reading the body.', { cause, details: { phase: 'body' } })),
    );
    res.on('close', () => {
      if (!res.complete) {
        finish(new AppError('NETWORK_CONNECT', 'The server closed the connection before the body was complete.', { details: { phase: 'body', reason: 'incomplete-body' } }));
      }
    });
  });
}
