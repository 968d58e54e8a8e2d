/**
 * A real, certified OpenID provider (panva's oidc-provider) on loopback HTTPS with the test CA,
 * for end-to-end proofs: discovery, private_key_jwt at the token endpoint, client_credentials.
 *
 *   const op = await startOidcProvider({ clients: [{ client_id, jwks, token_endpoint_auth_signing_alg }] });
 *   op.issuer; op.tokenEndpoint; op.caPem; await op.close();
 */
import { generateKeyPairSync } from 'node:crypto';
import { exportJWK } from 'jose';
import Provider from 'oidc-provider';
import { startHttpsServer, type TestServer } from './hostile-server';
import { getTestPki, LOCAL_HOSTS } from './test-pki';

/** The redirect URI every static client is registered with. */
export const REDIRECT_URI = 'https://app.example.org/cb';

/** One static client: private_key_jwt with its public JWKS and declared algorithm. */
export interface OpClient {
  client_id: string;
  jwks: { keys: unknown[] };
  token_endpoint_auth_signing_alg: string;
  /** Default: client_credentials and authorization_code. */
  grant_types?: string[];
}

/** A running provider. */
export interface RunningProvider {
  issuer: string;
  tokenEndpoint: string;
  caPem: string;
  /** `client_authentication` failures as the provider logged them (e.g. "alg mismatch"). */
  readonly authErrors: string[];
  close(): Promise<void>;
}

/** Starts oidc-provider with the client credentials grant and the given algorithms and clients. */
export async function startOidcProvider(options: { clients: OpClient[]; algs: readonly string[] }): Promise<RunningProvider> {
  const pki = await getTestPki();
  const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
  const slot: { handler?: ReturnType<Provider['callback']> } = {};
  // The port is needed for the issuer before the provider exists: listen first, then attach it.
  const server: TestServer = await startHttpsServer({
    cert: leaf.chainPem,
    key: leaf.keyPem,
    handler: (req, res) => (slot.handler ? slot.handler(req, res) : res.writeHead(503).end()),
  });
  const issuer = server.origin;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: options.clients.map((client) => ({
      token_endpoint_auth_method: 'private_key_jwt',
      // authorization_code too by default, so the probe's dummy-code request reaches client
      // authentication: oidc-provider refuses a grant the client may not use before authenticating it.
      grant_types: ['client_credentials', 'authorization_code'],
      ...client,
      response_types: ['code'],
      redirect_uris: [REDIRECT_URI],
    })),
    clientAuthMethods: ['private_key_jwt'],
    enabledJWA: { clientAuthSigningAlgValues: [...options.algs] },
    features: { clientCredentials: { enabled: true }, devInteractions: { enabled: false } },
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'op-signing', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['oidc-onboard-test-cookie-key'] },
    ttl: { ClientCredentials: 600 },
  });
  const authErrors: string[] = [];
  provider.on('grant.error', (...args: unknown[]) => {
    const error = args[1] as { error_detail?: string; message?: string } | undefined;
    authErrors.push(String(error?.error_detail ?? error?.message ?? 'unknown'));
  });
  slot.handler = provider.callback();
  return {
    issuer,
    tokenEndpoint: `${issuer}/token`,
    caPem: pki.caCertPem,
    authErrors,
    close: () => server.close(),
  };
}
