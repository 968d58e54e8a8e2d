/**
 * Registration values: the draft model, the rule catalogue and the one rule engine.
 * Public API used by the UI (through IPC), the CLI and packaging.
 */
export type { Finding, ValidationReport } from '../../contract/schemas/findings';
export {
  clientMetadataSchema,
  emptyMetadataFor,
  memberSchema,
  METADATA_MEMBERS,
  OTHER_STANDARD_MEMBERS,
  type ClientMetadata,
} from './metadata';
export { classifyRedirectUri, isReverseDnsScheme, type ClassifyOptions, type RedirectUriClass, type RedirectUriKind } from './redirect-uri';
export { RULES, RULE_CODES, RULE_LIST, type RuleCode, type RuleDefinition, type Severity } from './rule-catalogue';
export { analyseUri, type UriAnalysis } from './uri-analysis';
export { CLIENT_NAME_MAX, formatPath, validateMetadata } from './validate';
export { cannotSign, describeKey, keyFactsOf, type SigningKeyFacts, type ValidationContext } from './key-facts';
export { renderRuleTable } from './rule-table';
