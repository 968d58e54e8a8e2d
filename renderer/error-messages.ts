/**
 * The one table that turns an error code into words for people: what happened and what to do.
 * Typed as a complete record of the contract's codes, so a new code is a compile error here
 * until it has text (and a UI test checks the table at runtime too).
 */
import type { ErrorCode, ErrorPayload } from '../contract/errors';

/** User-facing text for one error code. */
export interface ErrorMessage {
  /** What happened, in one short sentence. */
  title: string;
  /** What the user can do about it. */
  action: string;
}

/** Every error code with its user-facing text. */
export const ERROR_MESSAGES = {
  USAGE: { title: 'That request could not be carried out.', action: 'Check the values you entered and try again.' },
  IPC_INVALID_INPUT: {
    title: 'The app sent itself a request it could not understand.',
    action: 'Reload the window (Ctrl+R). If it happens again, report it with the diagnostics from About & Diagnostics.',
  },
  IPC_UNKNOWN_OPERATION: {
    title: 'This window asked for something the app does not offer.',
    action: 'Restart OIDC Onboard; the window and the app may be from different versions.',
  },
  VALIDATION_FAILED: { title: 'Some values are not valid.', action: 'Fix the values marked beside each field, then try again.' },
  NOT_FOUND: { title: 'That item no longer exists.', action: 'Go back to the list; it may have been deleted by the CLI or another process on this data folder.' },
  ALREADY_EXISTS: { title: 'An item with that name already exists.', action: 'Choose another name, or open the existing item.' },
  CONFIRMATION_REQUIRED: { title: 'This action needs your confirmation.', action: 'Confirm in the dialog to go ahead.' },
  INPUT_UNREADABLE: { title: 'The file or text could not be read.', action: 'Check that it is the right file and not damaged, then try again.' },
  PASSPHRASE_REQUIRED: { title: 'A passphrase is needed.', action: 'Enter the passphrase that protects this key.' },
  PASSPHRASE_WEAK: { title: 'That passphrase is too weak.', action: 'Use a longer passphrase, for example four or more unrelated words.' },
  UNSUPPORTED_ALGORITHM: {
    title: 'That algorithm is not supported here.',
    action: 'Choose one of the algorithms the provider accepts, listed under Keys & authentication.',
  },
  IPC_UNTRUSTED_SENDER: {
    title: 'This window is not allowed to talk to OIDC Onboard.',
    action: 'Close it and use the main OIDC Onboard window.',
  },
  KEY_INVALID: { title: 'The key is not valid.', action: 'Check that you chose the right key file, or generate a new key pair.' },
  PASSPHRASE_INCORRECT: { title: 'The passphrase is not correct.', action: 'Try again, paying attention to Caps Lock and keyboard layout.' },
  SECRET_TAMPERED: {
    title: 'A stored secret failed its integrity check.',
    action: 'Do not use it. Generate a new key or store the credentials again, and tell your security contact.',
  },
  PACKAGE_INVALID: { title: 'The package is not valid.', action: 'Ask the sender for a fresh package; the findings list what is wrong with this one.' },
  SIGNATURE_INVALID: {
    title: 'The signature does not verify.',
    action: 'The package was changed after signing or signed with another key. Ask the sender for a fresh one.',
  },
  FINDINGS_BLOCK: { title: 'There are errors to fix first.', action: 'Open Review to see each error and its fix, then try again.' },
  SECRET_WOULD_LEAK: {
    title: 'Nothing was written: a secret would have been included.',
    action: 'The message says which file and which kind of secret. Remove it from the registration values (names, notes, URLs) and try again.',
  },
  KEYCHAIN_UNAVAILABLE: {
    title: 'The system keychain cannot be reached.',
    action: 'Unlock your keychain (or start your desktop session’s keyring) and try again. Nothing has been lost.',
  },
  KEYCHAIN_ITEM_MISSING: {
    title: 'A keychain item is missing.',
    action: 'It may have been removed in your keychain app. Generate a new key or store the credentials again.',
  },
  KEYCHAIN_ITEM_INVALID: {
    title: 'A keychain item does not hold a valid key.',
    action:
      'It was changed outside OIDC Onboard; the key file was left as it was. Restore the item from a keychain backup, or delete this key and generate or import a new one.',
  },
  STORAGE_CORRUPT: {
    title: 'A saved file could not be read.',
    action: 'The damaged file was set aside; see About & Diagnostics for where it is and what was recovered.',
  },
  STORAGE_WRITE_FAILED: { title: 'Your changes could not be saved.', action: 'Check free disk space and folder permissions, then try again.' },
  DATA_DIR_NOT_WRITABLE: {
    title: 'The data folder cannot be written.',
    action: 'Check the folder shown on About & Diagnostics exists and you have permission to write to it.',
  },
  NETWORK_URL_REFUSED: {
    title: 'That address is not allowed.',
    action: 'Use an https:// address on a public host; local and private addresses are refused for safety.',
  },
  NETWORK_ADDRESS_REFUSED: {
    title: 'That address was refused before connecting.',
    action:
      'Link-local addresses are never fetched. A private or local address from a package, a discovery document or a redirect is fetched only if you tick “Allow private network addresses”.',
  },
  NETWORK_DNS: { title: 'The host name could not be found.', action: 'Check the spelling of the address and your network or VPN connection.' },
  NETWORK_CONNECT: { title: 'The server could not be reached.', action: 'Check the address, your network connection and any proxy or firewall.' },
  NETWORK_TLS: {
    title: 'The secure connection failed.',
    action: 'The server’s certificate is not trusted or does not match its name. Fix the certificate, or, if your organisation uses its own CA, choose its certificate file under “Extra trusted CA” and try again.',
  },
  NETWORK_TIMEOUT: { title: 'The server took too long to answer.', action: 'Try again later; if it keeps happening, check the server’s health.' },
  NETWORK_TOO_LARGE: {
    title: 'The server sent far more data than expected.',
    action: 'Check that the address points at the right document, not a page or a large file.',
  },
  NETWORK_REDIRECT: {
    title: 'The server redirected somewhere it should not.',
    action: 'Use the final address directly; providers do not follow redirects when fetching keys.',
  },
  NETWORK_HTTP: { title: 'The server answered with an error.', action: 'Check the address and that the document is published there.' },
  NETWORK_PROTOCOL: { title: 'The server’s answer was not understood.', action: 'Check that the address serves JSON with the right content type.' },
  DISCOVERY_INVALID: {
    title: 'The provider’s discovery document is not valid.',
    action: 'Check the discovery URL; the built-in provider data is used until a valid document is found.',
  },
  CANCELLED: { title: 'Cancelled.', action: 'Nothing was changed. Start again when you are ready.' },
  INTERNAL: {
    title: 'Something went wrong inside OIDC Onboard.',
    action: 'Try again. If it keeps happening, report it with the diagnostics from About & Diagnostics.',
  },
} as const satisfies Record<ErrorCode, ErrorMessage>;

/** The text for an error, falling back to INTERNAL's for a code this build does not know. */
export function describeError(error: Pick<ErrorPayload, 'code'>): ErrorMessage {
  return (ERROR_MESSAGES as Record<string, ErrorMessage>)[error.code] ?? ERROR_MESSAGES.INTERNAL;
}

/** Node.js runtime advice is dropped from messages here too: reports kept from older versions still carry it. */
export { withoutRuntimeAdvice } from '../contract/text/runtime-advice';
