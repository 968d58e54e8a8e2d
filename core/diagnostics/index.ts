/** The diagnostics bundle for support. */
export * from './bundle';
