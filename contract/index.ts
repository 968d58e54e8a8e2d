/** Public entry of the contract: schemas, the IPC contract, errors, the Result envelope and the bridge factory. */
export * from './contract';
export * from './errors';
export * from './result';
export * from './ipc';
export * from './bridge';
export { appInfoSchema, keychainStatusSchema } from './operations/app';
export type * from './types';
export * from './schemas/findings';
export * from './schemas/registration';
export * from './schemas/keys';
export * from './schemas/jwks-check';
export { checkSummarySchema } from './operations/checks';
export * from './schemas/package-verification';
