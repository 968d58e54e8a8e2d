/** The support pack: what NHS support asks for about one registration, redacted and scanned. */
export { formatUtcOffset, localTimeWithOffset, maskApiKey, MASK_MIN_LENGTH } from './mask';
export { buildSupportPack, SUPPORT_PACK_FORMAT, writeSupportPack, type AssertionSource, type SupportPack, type SupportPackDeps, type SupportPackFacts, type SupportPackOptions, type SupportPackResult } from './support-pack';
export { ELIDED, elidedTokenRequest, tokenRequestText, type ElidedTokenRequest } from './token-request';
