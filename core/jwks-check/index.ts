/**
 * The jwks_uri tester: run the checks against a URL (`runJwksCheck`), validate a parsed
 * JWK Set alone (`validateJwks`), render and compare reports, and the check catalogue.
 */
export { AREA_TITLES, CHECK_AREAS, CHECK_CATALOGUE, CHECK_IDS, CHECK_SOURCES, checkDefinition, type CheckArea, type CheckDefinition, type CheckSource } from './catalogue';
export { PRIVATE_MEMBERS, REDACTED, redactJwk } from './check';
export { renderCheckTable } from './check-table';
export { compareReports, type ReportDiff } from './compare';
export { toHtml } from './html';
export { diffToMarkdown, toMarkdown } from './markdown';
export type { JwksExpectation } from './match-checks';
export {
  checkSchema,
  checkStatusSchema,
  jwksCheckReportSchema,
  verdictOf,
  verdictSchema,
  type Check,
  type CheckStatus,
  type JwksCheckReport,
  type Verdict,
} from '../../contract/schemas/jwks-check';
export { DEFAULT_JWKS_MAX_BODY_BYTES, DEFAULT_JWKS_TIMEOUT_MS, DEFAULT_REPLICAS, runJwksCheck, type JwksCheckOptions } from './run';
export { validateJwks, VALIDATE_JWKS_IDS, type ValidateJwksOptions } from './validate-jwks';
export { checkEndpoint, ENDPOINT_CHECK_IDS, DEFAULT_ENDPOINT_TIMEOUT_MS, type EndpointCheckOptions } from './endpoint-check';
