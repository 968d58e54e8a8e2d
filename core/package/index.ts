/**
 * Signed registration request packages (format v1, `docs/package-format.md`): the pure
 * assembly and zip parts, the build service, and verification (which needs no keychain).
 */
export { assemblePackage, orderEntries, packageEntries, zipPackage, type PackageInputs, type UnsignedPackage } from './assemble';
export { canonicalJson, canonicalJsonPretty } from './canonical-json';
export * from './format';
export { verificationToMarkdown } from './report';
export { assertNoSecrets, scanForSecrets, type KnownSecret, type ScanHit } from './scan';
export { createPackageService, type BuildPackageOptions, type BuiltPackage, type PackageRecord, type PackageService, type PackageServiceDeps } from './service';
export { summaryHtml, summaryMarkdown, type SummaryInput } from './summary';
export { verifyPackage, type PackageVerification, type StepStatus, type VerifyPackageOptions, type VerifyStep } from './verify';
export { DEFAULT_ZIP_LIMITS, isSafeEntryName, readZip, writeZip, type ZipEntry, type ZipLimits } from './zip';
