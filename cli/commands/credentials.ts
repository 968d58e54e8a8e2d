/** Commands for received credentials and client assertions (issue 7). Secrets come from a hidden prompt or stdin, never argv. */
import { AppError } from '../../contract/errors';
import type { CredentialService } from '../../core/credentials';
import { EXIT, print, usageError, type CliContext } from '../context';
import { defineCommand, type GroupDecl } from '../spec';
import { readCaFile } from '../input';
import { loadServices } from '../lazy';
import { readSecret, secretHint } from '../secret';
import { ALLOW_PRIVATE_NETWORK_OPTION, CA_OPTION, ID_ARG } from '../common-options';


/** The credential service over this run's services (lazy: `--help` needs no keychain). */
async function credentialService(context: CliContext): Promise<CredentialService> {
  return (await loadServices(context)).credentials;
}

const save = defineCommand({
  name: 'save',
  summary: 'Save what the provider issued: the Client ID (API key for the API platform) and, where one is issued, the secret (OS keychain)',
  args: [ID_ARG],
  options: {
    'client-id': { type: 'string', value: '<client_id>', description: 'the Client ID the provider issued (required unless --api-key)' },
    'api-key': { type: 'string', value: '<api_key>', description: "the API platform's API key (its client_id), instead of --client-id" },
    'application-id': { type: 'string', value: '<uuid>', description: 'your application id in the NHS developer portal (API platform)' },
    kid: { type: 'string', value: '<kid>', description: 'the key id registered with the provider for this client' },
    notes: { type: 'string', value: '<text>', description: 'where it came from, who holds it …' },
    'received-at': { type: 'string', value: '<date>', description: 'when it was received (ISO 8601 date; default: now)' },
    yes: { type: 'boolean', short: 'y', description: 'replace credentials already saved for this registration' },
  },
  details: [
    'Where the provider issues a client secret (client_secret_* methods) it is asked for without echo on a terminal, or read from stdin',
    'when piped (all of it, trailing line breaks dropped). Never put it in a file or an argument. Where none is issued, nothing is read.',
  ],
  examples: ['oidc-onboard credentials save clinic-portal-int --client-id 123456789.apps.national', 'vault kv get -field=secret nhs/clinic | oidc-onboard credentials save clinic-portal-int --client-id 123456789.apps.national', 'oidc-onboard credentials save parcel-app-int --api-key Ab12Cd34Ef56 --application-id 9b2f3c1e-4d5a-4b6c-8d7e-0f1a2b3c4d5e'],
  async run(context, { values, positionals }) {
    if (values['client-id'] !== undefined && values['api-key'] !== undefined) throw usageError('Give either --client-id or --api-key, not both.');
    const identifier = values['client-id'] ?? values['api-key'];
    const id = positionals[0]!;
    const service = await credentialService(context);
    // What the provider issues decides what is read: a secret only where one is issued.
    const fields = service.fields(id);
    const flag = fields.identifierLabel === 'API key' ? '--api-key' : '--client-id';
    if (identifier === undefined) throw usageError(`${flag} is required: the ${fields.identifierLabel} the provider issued.`);
    const secret = fields.secret === 'not-issued' && context.promptSecret ? undefined : await readSecret(context, { prompt: 'Client secret', stdin: 'all' });
    if (fields.secret === 'required' && secret === undefined) {
      throw usageError(`With ${fields.method} the provider issues a client secret with the ${fields.identifierLabel}: ${context.promptSecret ? 'type it at the prompt' : 'give it on stdin'}; it is never taken from arguments. ${secretHint(context)}`);
    }
    const input = {
      clientId: identifier,
      ...(secret === undefined ? {} : { secret }),
      ...(values['application-id'] === undefined ? {} : { applicationId: values['application-id'] }),
      ...(values.kid === undefined ? {} : { kid: values.kid }),
      ...(values.notes === undefined ? {} : { notes: values.notes }),
      ...(values['received-at'] === undefined ? {} : { receivedAt: values['received-at'] }),
    };
    const result = values.yes ? await service.replace(id, input, { confirm: true }) : await service.save(id, input);
    for (const warning of result.warnings) context.err(`oidc-onboard: warning: ${warning}\n`);
    print(context, result, () =>
      [
        `${result.replaced ? 'Replaced' : 'Saved'} the credentials of ${id}: ${result.identifierLabel} ${result.clientId}.`,
        ...(result.applicationId === undefined ? [] : [`Application id: ${result.applicationId}`]),
        ...(result.kid === undefined ? [] : [`KID: ${result.kid}`]),
        result.hasSecret
          ? `The secret is in the ${result.storedIn} as "${result.account}" (service "${result.service}").`
          : `No secret: the provider issues none for ${fields.method}, so nothing was written to the ${result.storedIn}.`,
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  },
});

const show = defineCommand({
  name: 'show',
  summary: 'Show the saved Client ID and where the secret is kept',
  args: [ID_ARG],
  options: { reveal: { type: 'boolean', description: 'also print the secret itself' } },
  examples: ['oidc-onboard credentials show clinic-portal-int', 'oidc-onboard credentials show clinic-portal-int --reveal --json'],
  async run(context, { values, positionals }) {
    const id = positionals[0]!;
    const service = await credentialService(context);
    const view = service.show(id);
    if (!view) throw new AppError('NOT_FOUND', `No credentials are saved for ${id}. Save them with: oidc-onboard credentials save ${id} --client-id <client_id>`, { details: { id } });
    const secret = values.reveal ? await service.reveal(id) : undefined;
    print(context, secret === undefined ? view : { ...view, secret }, () =>
      [
        `Registration:  ${id}`,
        `${`${view.identifierLabel}:`.padEnd(15)}${view.clientId}`,
        ...(view.applicationId ? [`Application id: ${view.applicationId}`] : []),
        ...(view.kid ? [`KID:           ${view.kid}`] : []),
        `Received:      ${view.receivedAt}`,
        ...(view.notes ? [`Notes:         ${view.notes}`] : []),
        `Secret:        ${secret ?? (view.hasSecret ? `stored in the ${view.storedIn} (add --reveal to print it)` : view.secretIssued ? 'none saved' : 'none (the provider issues no secret)')}`,
        ...(view.hasSecret ? [`Keychain item: ${view.account} (service "${view.service}")`] : []),
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  },
});

const remove = defineCommand({
  name: 'delete',
  summary: 'Delete the saved credentials and the secret in the keychain',
  args: [ID_ARG],
  options: { yes: { type: 'boolean', short: 'y', description: 'confirm: the secret is removed for good' } },
  examples: ['oidc-onboard credentials delete clinic-portal-int --yes'],
  async run(context, { values, positionals }) {
    const id = positionals[0]!;
    if (!values.yes) throw new AppError('CONFIRMATION_REQUIRED', `Deleting the credentials of ${id} removes the secret from the keychain for good; add --yes to confirm.`);
    const result = await (await credentialService(context)).delete(id, { confirm: true });
    print(context, result, () => `Deleted the credentials of ${id} (Client ID ${result.clientId})${result.keychainItemRemoved ? '' : '; the keychain item was already gone'}.\n`);
    return EXIT.ok;
  },
});

/** `credentials save|show|delete`. */
export const credentials: GroupDecl = {
  name: 'credentials',
  summary: 'Keep what the provider issued: the Client ID (API key for the API platform), and a secret only where one is issued (OS keychain)',
  subcommands: [save, show, remove],
};

/** `assertion`. */
export const assertion = defineCommand({
  name: 'assertion',
  summary: 'Sign an RFC 7523 client assertion with the active key (and optionally probe the token endpoint)',
  args: [ID_ARG],
  options: {
    aud: { type: 'string', value: '<token endpoint>', description: "the aud claim (default: the provider's token endpoint)" },
    'client-id': { type: 'string', value: '<id>', description: 'iss and sub (default: the saved Client ID)' },
    lifetime: { type: 'string', value: '<seconds>', description: 'seconds until exp, 1-300 (default: 290, leaving room for clock skew)' },
    'passphrase-stdin': { type: 'boolean', description: 'the active key is passphrase-protected: read the passphrase (on a terminal it is asked for without echo)' },
    probe: { type: 'boolean', description: 'POST the assertion to the token endpoint and say what the provider answered' },
    ca: { ...CA_OPTION, description: 'extra trusted CA certificate(s) for --probe' },
    'allow-private-network': { ...ALLOW_PRIVATE_NETWORK_OPTION, description: 'with --probe: allow a token endpoint on a private address (link-local never)' },
  },
  examples: ['oidc-onboard assertion parcel-app-int', 'oidc-onboard assertion parcel-app-int --probe --json'],
  async run(context, { values, positionals }) {
    if (values.ca !== undefined && !values.probe) throw usageError('--ca is used only with --probe.');
    if (values['allow-private-network'] && !values.probe) throw usageError('--allow-private-network is used only with --probe.');
    let lifetimeSeconds: number | undefined;
    if (values.lifetime !== undefined) {
      if (!/^\d+$/.test(values.lifetime)) throw usageError('--lifetime takes whole seconds (1-300).');
      lifetimeSeconds = Number(values.lifetime);
    }
    let passphrase: string | undefined;
    if (values['passphrase-stdin']) {
      passphrase = await readSecret(context, { prompt: 'Passphrase of the signing key', stdin: 'all' });
      if (passphrase === undefined) throw usageError(`--passphrase-stdin: no passphrase given. ${secretHint(context)}`);
    }
    const caPem = await readCaFile(context, values.ca);
    const options = {
      ...(values.aud === undefined ? {} : { audience: values.aud }),
      ...(values['client-id'] === undefined ? {} : { clientId: values['client-id'] }),
      ...(lifetimeSeconds === undefined ? {} : { lifetimeSeconds }),
      ...(passphrase === undefined ? {} : { unlock: { passphrase } }),
    };
    const service = await credentialService(context);
    const id = positionals[0]!;
    const signed = await service.assertion(id, options);
    for (const warning of signed.warnings) context.err(`oidc-onboard: ${warning}\n`);
    const probe = values.probe ? await service.probe(id, { ...options, ...(caPem !== undefined && { caPem }), ...(values['allow-private-network'] && { allowPrivateNetwork: true }) }) : undefined;
    // Warnings go to stderr once, as the assertion's own do (not again in the text below).
    for (const warning of probe?.warnings ?? []) context.err(`oidc-onboard: warning: ${warning}\n`);
    print(context, probe ? { ...signed, probe } : signed, () =>
      [
        signed.jwt,
        '',
        `Header: ${JSON.stringify(signed.header)}`,
        `Claims: ${JSON.stringify(signed.claims)}`,
        `Expires: ${signed.expiresAt}`,
        '',
        `Token request (${signed.grantType}):`,
        signed.curl,
        ...(probe
          ? ['', `Probe of ${probe.tokenEndpoint}: ${probe.verdict.toUpperCase()} (HTTP ${probe.status}${probe.error ? `, ${probe.error}` : ''})`, probe.explanation, ...probe.checks.map((c) => `  - ${c}`)]
          : []),
        '',
      ].join('\n'),
    );
    return probe?.verdict === 'refused' ? EXIT.invalid : EXIT.ok;
  },
});
