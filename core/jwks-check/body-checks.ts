/**
 * The checks of a fetched body, in one module so that `runJwksCheck` can load them (jose among
 * them) while its requests are in flight: on a short CLI run, loading them first would delay the
 * request by as long as they take to compile.
 */
export { parseJsonBody } from './body-json';
export { keySetFingerprint, replicasCheck, type ReplicaOutcome } from './consistency';
export { matchChecks, MATCH_CHECK_IDS } from './match-checks';
export { validateJwks, VALIDATE_JWKS_IDS } from './validate-jwks';
