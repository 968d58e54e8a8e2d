/**
 * The checks of a response — transport evidence, the body, the keys (jose among them) — in one
 * module so that `runJwksCheck` can load them while its requests are in flight: on a short CLI
 * run, loading them first would delay the requests by as long as they take to compile.
 */
export { parseJsonBody } from './body-json';
export { keySetFingerprint, replicasCheck, type ReplicaOutcome } from './consistency';
export { matchChecks, MATCH_CHECK_IDS } from './match-checks';
export { checksFromError, checksFromResult } from './transport-checks';
export { validateJwks, VALIDATE_JWKS_IDS } from './validate-jwks';
