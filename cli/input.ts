/** Reading what the user hands the CLI: files named in arguments, and passphrases on stdin. */
import { decodeUtf8 } from '../contract/text/utf8';
import { readFileCapped } from '../core/storage/bounded-read';
import { resolvePath, type CliContext } from './context';

/**
 * Largest text input we read (metadata, PEM and JWK keys, CA bundles, stdin): far beyond any real
 * one — a system-wide CA bundle is about 250 KB — and small enough that nothing is held in bulk.
 */
export const MAX_TEXT_INPUT_BYTES = 4 * 1024 * 1024;

/**
 * The bytes of `file`, refused before reading when over `maxBytes`; an unreadable or oversized
 * file is `INPUT_UNREADABLE` (exit 2) naming `what` it was meant to be.
 */
export async function readInputFile(context: Pick<CliContext, 'cwd'>, file: string, what: string, maxBytes = MAX_TEXT_INPUT_BYTES): Promise<Uint8Array> {
  return readFileCapped(resolvePath(context, file), maxBytes, `the ${what} ${file}`);
}

/** The text of `file`: strictly UTF-8 (bad bytes are `INPUT_UNREADABLE` naming the offset), a byte-order mark dropped. */
export async function readInputText(context: Pick<CliContext, 'cwd'>, file: string, what: string): Promise<string> {
  return decodeUtf8(await readInputFile(context, file, what), `The ${what} ${file}`);
}


/** The PEM text of a `--ca` file, or `undefined` when none was given. */
export async function readCaFile(context: Pick<CliContext, 'cwd'>, file: string | undefined): Promise<string | undefined> {
  return file === undefined ? undefined : readInputText(context, file, 'CA file');
}
