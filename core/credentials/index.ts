/** Received credentials (Client ID + secret in the OS keychain), client assertions and the token endpoint probe. */
export * from './accounts';
export * from './validate';
export * from './credential-service';
export * from './assertion';
export * from './probe';
export * from './issued';
