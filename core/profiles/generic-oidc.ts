/**
 * The `generic-oidc` profile: any OpenID provider, described by its own discovery document.
 * Only standards rules apply; provider-specific limits are whatever the document says.
 */
import { ASYMMETRIC_ALGS, type AuthMethod, type AuthMethodPolicy, type KeyDefaults, type Profile } from './profile-schema';
import { isAuthMethod, parseDiscoveryDocument, usableAlgs } from './discovery';
import { SOURCES, type Source } from './sources';

const GENERIC_RULES: Profile['rules'] = [
  {
    id: 'generic.standards',
    text: 'Only the standards apply: RFC 6749, RFC 8252, OpenID Connect Core, Registration and Discovery.',
    source: SOURCES.oidcRegistration,
  },
  {
    id: 'generic.discovery',
    text: 'Accepted client authentication methods and algorithms come from the provider\'s discovery document; absent methods mean client_secret_basic.',
    source: SOURCES.oidcDiscovery,
  },
];

function statusOf(method: AuthMethod): AuthMethodPolicy['status'] {
  if (method === 'private_key_jwt') return 'recommended';
  // 'none' is for public clients, which hand-registered NHS-style integrations avoid.
  return method === 'none' ? 'discouraged' : 'allowed';
}

function keysFor(allowed: AsymmetricList, published: boolean, source: Source): KeyDefaults {
  const ecAllowed = allowed.some((alg) => alg.startsWith('ES'));
  const curves: KeyDefaults['ecCurves'] = [];
  if (allowed.includes('ES256')) curves.push('P-256');
  if (allowed.includes('ES384')) curves.push('P-384');
  if (allowed.includes('ES512')) curves.push('P-521');
  const first = allowed[0] ?? 'RS256';
  return {
    keySource: 'jwks_uri',
    inlineJwksAccepted: true,
    defaultAlg: allowed.includes('RS256') ? 'RS256' : first,
    allowedAlgs: allowed.length > 0 ? allowed : ['RS256'],
    algsPublished: published,
    ...(published ? {} : { algNote: 'The provider does not list client-assertion algorithms; check its documentation.' }),
    rsaDefaultSize: 2048,
    rsaAllowedSizes: [2048, 3072, 4096],
    ecAllowed,
    ecCurves: curves,
    kidRequired: false,
    source,
  };
}

type AsymmetricList = KeyDefaults['allowedAlgs'];

/** What a provider following OIDC Registration issues: a secret only for the client_secret_* methods. */
const GENERIC_ISSUED: Profile['issued'] = [
  {
    methods: ['client_secret_basic', 'client_secret_post', 'client_secret_jwt'],
    identifierLabel: 'Client ID',
    secret: 'issued',
    applicationId: false,
    kid: false,
    text: 'A client_id and a client_secret (the secret authenticates the client for these methods).',
    source: SOURCES.oidcRegistrationResponse,
  },
  {
    methods: ['private_key_jwt', 'none'],
    identifierLabel: 'Client ID',
    secret: 'not-issued',
    applicationId: false,
    kid: false,
    text: 'A client_id only: private_key_jwt is verified with your public keys, and "none" has no credential.',
    source: SOURCES.oidcRegistrationResponse,
  },
];

/** Options of {@link buildGenericProfile}. */
export interface BuildGenericProfileOptions {
  /** The URL the document was fetched from; shown as the profile's source. */
  readonly discoveryUrl?: string;
  /** When the document was fetched. */
  readonly now?: Date;
}

/**
 * Builds a `generic-oidc` profile from a provider's parsed discovery document.
 *
 * @throws AppError `DISCOVERY_INVALID` when `issuer`/`token_endpoint` are missing or not https,
 *   or a read member has the wrong type.
 */
export function buildGenericProfile(discovery: unknown, options: BuildGenericProfileOptions = {}): Profile {
  const doc = parseDiscoveryDocument(discovery);
  const discoveryUrl = options.discoveryUrl ?? `${doc.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const source: Source = /^https:\/\//i.test(discoveryUrl)
    ? { title: `Discovery document of ${doc.issuer}`, url: discoveryUrl }
    : SOURCES.oidcDiscovery;
  // Discovery §3: an absent list means the provider supports client_secret_basic only.
  const listed = (doc.token_endpoint_auth_methods_supported ?? ['client_secret_basic']).filter(isAuthMethod);
  const methods: AuthMethod[] = listed.length > 0 ? [...new Set(listed)] : ['client_secret_basic'];
  const authMethods: AuthMethodPolicy[] = methods.map((method) => ({ method, status: statusOf(method), source }));
  const listedAlgs = doc.token_endpoint_auth_signing_alg_values_supported;
  const algs = listedAlgs === undefined ? [...ASYMMETRIC_ALGS] : usableAlgs(listedAlgs, true);
  const host = safeHost(doc.issuer);
  return {
    id: 'generic-oidc',
    name: `OpenID provider ${host}`,
    description: `Built from the discovery document of ${doc.issuer}.`,
    profileVersion: '1.0.0',
    updated: (options.now ?? new Date(0)).toISOString().slice(0, 10),
    defaultEnvironment: 'default',
    defaultAuthMethod: methods.includes('private_key_jwt') ? 'private_key_jwt' : (methods.find((m) => m !== 'none') ?? 'client_secret_basic'),
    environments: [
      {
        id: 'default',
        label: host,
        description: `The provider at ${doc.issuer}.`,
        issuer: doc.issuer,
        ...(/^https:\/\//i.test(discoveryUrl) ? { discoveryUrl } : {}),
        tokenEndpoint: doc.token_endpoint,
        dataSource: 'discovery',
        ...(options.now ? { discoveryAppliedAt: options.now.toISOString() } : {}),
        authMethods,
        keys: keysFor(algs.length > 0 ? algs : ['RS256'], listedAlgs !== undefined && algs.length > 0, source),
        submission: {
          text: 'Unknown for a generic provider: use its dynamic registration endpoint if it has one, or its own onboarding process.',
          known: false,
          source: SOURCES.oidcRegistration,
        },
        notes: [],
      },
    ],
    redirectUris: { required: true, httpsOnly: false, allowQuery: true, customSchemes: 'allow', source: SOURCES.rfc6749Redirect },
    confidentialOnly: { value: false, source: SOURCES.oidcRegistration },
    signedUserinfo: { supported: (doc.userinfo_signing_alg_values_supported ?? []).length > 0, source },
    backchannelLogout: { supported: doc.backchannel_logout_supported === true, source },
    rules: GENERIC_RULES,
    issued: GENERIC_ISSUED,
  };
}

function safeHost(issuer: string): string {
  try {
    return new URL(issuer).host;
  } catch {
    return issuer;
  }
}

/**
 * The `generic-oidc` profile before any discovery document is known: every standard method
 * and asymmetric algorithm, nothing provider-specific. The UI offers it until the user
 * supplies a discovery URL.
 */
export const genericOidcTemplate: Profile = {
  id: 'generic-oidc',
  name: 'Generic OpenID provider',
  description: 'Any OpenID Connect provider; supply its discovery URL to load its rules.',
  profileVersion: '1.0.0',
  updated: '2026-12-01',
  defaultEnvironment: 'default',
  defaultAuthMethod: 'private_key_jwt',
  environments: [
    {
      id: 'default',
      label: 'Provider',
      description: 'The provider given by its discovery URL.',
      dataSource: 'built-in',
      authMethods: (['private_key_jwt', 'client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'none'] as const).map((method) => ({
        method,
        status: statusOf(method),
        source: SOURCES.oidcRegistration,
      })),
      keys: keysFor([...ASYMMETRIC_ALGS], false, SOURCES.rfc7518Algs),
      submission: {
        text: 'Unknown for a generic provider: use its dynamic registration endpoint if it has one, or its own onboarding process.',
        known: false,
        source: SOURCES.oidcRegistration,
      },
      notes: ['Enter the provider\'s discovery URL to load its methods and algorithms.'],
    },
  ],
  redirectUris: { required: true, httpsOnly: false, allowQuery: true, customSchemes: 'allow', source: SOURCES.rfc6749Redirect },
  confidentialOnly: { value: false, source: SOURCES.oidcRegistration },
  signedUserinfo: { supported: true, source: SOURCES.oidcRegistration },
  backchannelLogout: { supported: true, source: SOURCES.backchannelLogout },
  rules: GENERIC_RULES,
  issued: GENERIC_ISSUED,
};
