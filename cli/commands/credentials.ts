/** Commands for received credentials and client assertions (issue 7). Secrets come from stdin only. */
import { AppError } from '../../contract/errors';
import type { CredentialService } from '../../core/credentials';
import { EXIT, print, usageError, type CliContext, type Command } from '../context';
import { parseCommandArgs } from '../args';
import { readInputText } from '../input';
import { loadServices } from '../lazy';

/** The credential service over this run's services (lazy: `--help` needs no keychain). */
async function credentialService(context: CliContext): Promise<CredentialService> {
  return (await loadServices(context)).credentials;
}

/** stdin without its trailing line break(s): `echo secret |` and here-strings add one. */
function stripTrailingNewlines(text: string): string {
  return text.replace(/[\r\n]+$/, '');
}

const SAVE_USAGE =
  'oidc-onboard credentials save <id> (--client-id <client_id> | --api-key <api_key>) [--application-id <uuid>] [--kid <kid>] [--notes <text>] [--received-at <date>] [--yes] [< secret.txt]';
const SHOW_USAGE = 'oidc-onboard credentials show <id> [--reveal] [--json]';
const DELETE_USAGE = 'oidc-onboard credentials delete <id> --yes [--json]';

async function save(context: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      'client-id': { type: 'string' },
      'api-key': { type: 'string' },
      'application-id': { type: 'string' },
      kid: { type: 'string' },
      notes: { type: 'string' },
      'received-at': { type: 'string' },
      yes: { type: 'boolean' },
    },
    SAVE_USAGE,
    { min: 1, max: 1 },
  );
  if (values['client-id'] !== undefined && values['api-key'] !== undefined) throw usageError('Give either --client-id or --api-key, not both.', SAVE_USAGE);
  const identifier = values['client-id'] ?? values['api-key'];
  const id = positionals[0]!;
  const service = await credentialService(context);
  // What the provider issues decides what is read: a secret only where one is issued.
  const fields = service.fields(id);
  const flag = fields.identifierLabel === 'API key' ? '--api-key' : '--client-id';
  if (identifier === undefined) throw usageError(`${flag} is required: the ${fields.identifierLabel} the provider issued.`, SAVE_USAGE);
  const secret = stripTrailingNewlines(await context.readStdin());
  if (fields.secret === 'required' && secret === '') {
    throw usageError(
      `With ${fields.method} the provider issues a client secret with the ${fields.identifierLabel}: give it on stdin (for example: oidc-onboard credentials save ${id} ${flag} <id> < secret.txt); it is never taken from arguments.`,
      SAVE_USAGE,
    );
  }
  const input = {
    clientId: identifier,
    ...(secret === '' ? {} : { secret }),
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
}

async function show(context: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { reveal: { type: 'boolean' } }, SHOW_USAGE, { min: 1, max: 1 });
  const id = positionals[0]!;
  const service = await credentialService(context);
  const view = service.show(id);
  if (!view) throw new AppError('NOT_FOUND', `No credentials are saved for ${id}. Save them with: ${SAVE_USAGE}`, { details: { id } });
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
}

async function remove(context: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { yes: { type: 'boolean' } }, DELETE_USAGE, { min: 1, max: 1 });
  const id = positionals[0]!;
  if (!values.yes) throw new AppError('CONFIRMATION_REQUIRED', `Deleting the credentials of ${id} removes the secret from the keychain for good; add --yes to confirm.`);
  const result = await (await credentialService(context)).delete(id, { confirm: true });
  print(context, result, () => `Deleted the credentials of ${id} (Client ID ${result.clientId})${result.keychainItemRemoved ? '' : '; the keychain item was already gone'}.\n`);
  return EXIT.ok;
}

/** `credentials save|show|delete`. */
export const credentials: Command = {
  name: 'credentials',
  summary: 'Keep what the provider issued: the Client ID (API key for the API platform), and a secret only where one is issued (OS keychain)',
  usage: [SAVE_USAGE, `       ${SHOW_USAGE}`, `       ${DELETE_USAGE}`].join('\n'),
  async run(context, argv) {
    const [sub, ...rest] = argv;
    switch (sub) {
      case 'save':
        return save(context, rest);
      case 'show':
        return show(context, rest);
      case 'delete':
        return remove(context, rest);
      default:
        throw usageError(sub === undefined ? 'Say what to do: save, show or delete.' : `Unknown credentials action "${sub}".`, this.usage);
    }
  },
};

/** `assertion`. */
export const assertion: Command = {
  name: 'assertion',
  summary: 'Sign an RFC 7523 client assertion with the active key (and optionally probe the token endpoint)',
  usage: 'oidc-onboard assertion <id> [--aud <token endpoint>] [--client-id <id>] [--lifetime <seconds>] [--passphrase-stdin] [--probe [--ca <file.pem>] [--allow-private-network]] [--json]',
  async run(context, argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        aud: { type: 'string' },
        'client-id': { type: 'string' },
        lifetime: { type: 'string' },
        'passphrase-stdin': { type: 'boolean' },
        probe: { type: 'boolean' },
        ca: { type: 'string' },
        'allow-private-network': { type: 'boolean' },
      },
      this.usage,
      { min: 1, max: 1 },
    );
    if (values.ca !== undefined && !values.probe) throw usageError('--ca is used only with --probe.', this.usage);
    if (values['allow-private-network'] && !values.probe) throw usageError('--allow-private-network is used only with --probe.', this.usage);
    let lifetimeSeconds: number | undefined;
    if (values.lifetime !== undefined) {
      if (!/^\d+$/.test(values.lifetime)) throw usageError('--lifetime takes whole seconds (1-300).', this.usage);
      lifetimeSeconds = Number(values.lifetime);
    }
    let passphrase: string | undefined;
    if (values['passphrase-stdin']) {
      passphrase = stripTrailingNewlines(await context.readStdin());
      if (passphrase === '') throw usageError('--passphrase-stdin: stdin is empty.', this.usage);
    }
    const caPem = values.ca === undefined ? undefined : await readInputText(context, values.ca, 'CA file');
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
          ? ['', `Probe of ${probe.tokenEndpoint}: ${probe.verdict.toUpperCase()} (HTTP ${probe.status}${probe.error ? `, ${probe.error}` : ''})`, probe.explanation, ...probe.checks.map((c) => `  - ${c}`), ...probe.warnings.map((w) => `warning: ${w}`)]
          : []),
        '',
      ].join('\n'),
    );
    return probe?.verdict === 'refused' ? EXIT.invalid : EXIT.ok;
  },
};
