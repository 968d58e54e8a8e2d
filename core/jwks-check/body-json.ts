/**
 * body.json: decoding the body as strict UTF-8 and parsing it as JSON, with an excerpt
 * as evidence when it is not JSON (HTML login pages are the usual culprit).
 */
import { redactText } from '../redact';
import { makeCheck, shorten } from './check';
import type { Check } from '../../contract/schemas/jwks-check';

/** The parsed body, when it is JSON, and the body.json check. */
export interface ParsedBody {
  check: Check;
  /** Present only when the body parsed. */
  value?: unknown;
}

/** Parses `body` (decoded bytes) as UTF-8 JSON. Never throws. */
export function parseJsonBody(body: Uint8Array): ParsedBody {
  const id = 'body.json';
  if (body.byteLength === 0) return { check: makeCheck(id, 'fail', 'The body is empty.', { evidence: { bytes: 0 } }) };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return { check: makeCheck(id, 'fail', 'The body is not valid UTF-8 text.', { evidence: { bytes: body.byteLength } }) };
  }
  try {
    const value: unknown = JSON.parse(text);
    return { check: makeCheck(id, 'pass', `Valid JSON (${body.byteLength} bytes).`, { evidence: { bytes: body.byteLength } }), value };
  } catch (err) {
    const excerpt = redactText(shorten(text.replace(/\s+/g, ' ').trim(), 200));
    const looksHtml = /^\s*</.test(text);
    const reason = err instanceof Error ? shorten(err.message, 160) : 'parse error';
    return {
      check: makeCheck(id, 'fail', looksHtml ? `The body is HTML, not JSON (${reason}).` : `The body is not valid JSON (${reason}).`, {
        evidence: { bytes: body.byteLength, excerpt },
      }),
    };
  }
}
