/** Options several commands share, declared once so their help reads the same everywhere. */
import type { ArgDecl, OptionDecl } from './spec';

/** `<id>`: the registration a command works on. */
export const ID_ARG = { name: 'id', description: 'the registration id (see oidc-onboard list)' } as const satisfies ArgDecl;

/** `--ca <file.pem>`: extra trusted CA certificates for this run's HTTPS requests. */
export const CA_OPTION = { type: 'string', value: '<file.pem>', complete: 'file', description: 'extra trusted CA certificate(s), PEM, e.g. a test, private or corporate CA' } as const satisfies OptionDecl;

/** `--allow-private-network`: let untrusted URLs reach private addresses (never link-local). */
export const ALLOW_PRIVATE_NETWORK_OPTION = {
  type: 'boolean',
  description: 'allow URLs that resolve to private addresses (a test server on your network); link-local and metadata addresses stay refused',
} as const satisfies OptionDecl;
