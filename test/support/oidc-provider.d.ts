/**
 * The little of panva's `oidc-provider` (untyped ESM, a devDependency) that the tests use:
 * a Provider built from an issuer and a configuration, and its Node request handler.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** Static client metadata (RFC 7591 names) and any other provider configuration. */
  export interface Configuration {
    clients?: Record<string, unknown>[];
    [name: string]: unknown;
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    /** A Node `request` listener serving every endpoint. */
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
}
