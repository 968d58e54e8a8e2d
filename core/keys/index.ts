/** Signing keys: generation, custody, key ring, export/import and hosting help. */
export * from './algorithms';
export * from './key-record';
export * from './kid';
export * from './key-material';
export * from './generate';
export { dataKeyAccount, keyFilePath, registrationKeyDir, type Protection, type Unlock } from './custody';
export type { FileOps } from '../storage/atomic-file';
export { nodeFileOps } from '../storage/atomic-file';
export * from './key-ring';
export * from './passphrase';
export * from './export';
export { parsePrivateKeyInput, chooseImportAlg, type ParsedPrivateKey } from './import';
export * from './hosting';
export * from './key-service';
