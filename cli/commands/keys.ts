/** `keys <action>` — signing keys of a registration (issue 4). Private keys only ever leave encrypted. */
import { AppError } from '../../contract/errors';
import { EXIT, print, resolvePath, usageError, type CliContext, type Command } from '../context';
import { parseCommandArgs } from '../args';
import { firstLineOfStdin, readInputText } from '../input';
import { loadServices } from '../lazy';

const USAGE = [
  'oidc-onboard keys generate <id> [--alg <alg>] [--size <bits>] [--curve <crv>] [--kid <kid> | --kid-style dated [--rotate-by YYYY-MM-DD]] [--json]',
  'oidc-onboard keys list <id> [--json]',
  'oidc-onboard keys jwks <id> [--out <file>]',
  'oidc-onboard keys public-pem <id> [--kid <kid>]',
  'oidc-onboard keys export-private <id> --kid <kid> --format pkcs8|jwe --out <file>   (passphrase on stdin)',
  'oidc-onboard keys import <id> <file>   (passphrase on stdin when the file is encrypted)',
  'oidc-onboard keys hosting-request <id> --app-id <uuid> --out <dir> [--json]   (NHS-hosted JWKS, API platform)',
  'oidc-onboard keys rotate <id>',
  'oidc-onboard keys retire <id> --kid <kid>',
  'oidc-onboard keys delete <id> --kid <kid> --yes',
].join('\n       ');

/** The passphrase on stdin, required for private exports. */
async function requiredPassphrase(context: CliContext): Promise<string> {
  const passphrase = await firstLineOfStdin(context);
  if (passphrase === undefined) throw new AppError('PASSPHRASE_REQUIRED', 'Give the passphrase on stdin, e.g. `read -rs P && printf %s "$P" | oidc-onboard …`.');
  return passphrase;
}

async function writeOut(context: CliContext, file: string, text: string, mode: number): Promise<void> {
  const { saveTextFile } = await import('../../core/storage/save-file');
  await saveTextFile(resolvePath(context, file), text, mode);
}

function describeRecord(r: { kid: string; alg: string; kty: string; size?: number | undefined; crv?: string | undefined; state: string; thumbprint: string; createdAt: string; custody: string }): string {
  return `${r.state.padEnd(7)} ${r.kid}\n        ${r.alg} ${r.kty}${r.size ? ` ${r.size}` : ''}${r.crv ? ` ${r.crv}` : ''}, created ${r.createdAt.slice(0, 10)}, custody: ${r.custody}\n        fingerprint (RFC 7638 SHA-256): ${r.thumbprint}`;
}

const ACTIONS: Record<string, (context: CliContext, argv: string[]) => Promise<number>> = {
  async generate(context, argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { alg: { type: 'string' }, size: { type: 'string' }, curve: { type: 'string' }, kid: { type: 'string' }, 'kid-style': { type: 'string' }, 'rotate-by': { type: 'string' } },
      USAGE,
      { min: 1, max: 1 },
    );
    const size = values.size === undefined ? undefined : Number(values.size);
    if (size !== undefined && !Number.isInteger(size)) throw usageError('--size must be a number of bits (2048, 3072 or 4096).', USAGE);
    const style = values['kid-style'];
    if (style !== undefined && style !== 'dated' && style !== 'thumbprint') throw usageError('--kid-style is "dated" or "thumbprint".', USAGE);
    const kidStyle: 'dated' | 'thumbprint' | undefined = style;
    if (kidStyle === 'dated' && values.kid) throw usageError('Give --kid or --kid-style dated, not both.', USAGE);
    if (values['rotate-by'] !== undefined && kidStyle !== 'dated') throw usageError('--rotate-by goes with --kid-style dated.', USAGE);
    const { keys } = await loadServices(context);
    let lastPhase = '';
    const request = {
      ...(values.alg && { alg: values.alg }),
      ...(size && { size }),
      ...(values.curve && { curve: values.curve }),
      ...(values.kid && { kid: values.kid }),
      ...(kidStyle && { kidStyle }),
      ...(values['rotate-by'] && { rotateBy: values['rotate-by'] }),
    };
    const { record, warnings } = await keys.generate(positionals[0]!, request, (phase) => {
      if (phase !== lastPhase && !context.json) context.err(`${phase}…\n`);
      lastPhase = phase;
    });
    for (const warning of warnings) context.err(`warning: ${warning}\n`);
    print(context, { record, warnings }, () => `Generated ${record.kid}\n${describeRecord(record)}\n`);
    return EXIT.ok;
  },

  async list(context, argv) {
    const { positionals } = parseCommandArgs(argv, {}, USAGE, { min: 1, max: 1 });
    const view = (await loadServices(context)).keys.view(positionals[0]!);
    print(context, view, () =>
      view.records.length === 0
        ? `No keys yet. Generate one: oidc-onboard keys generate ${view.registrationId}\n`
        : [
            ...view.records.map((r) => `${describeRecord(r)}${view.published.includes(r.kid) ? '\n        published in the JWKS' : ''}`),
            '',
            'Rotation plan:',
            ...view.plan.steps.map((s) => `  ${s.date.slice(0, 10)}  ${s.text}`),
            ...view.reminders.map((r) => `reminder: ${r.message}`),
            '',
          ].join('\n'),
    );
    return EXIT.ok;
  },

  async jwks(context, argv) {
    const { values, positionals } = parseCommandArgs(argv, { out: { type: 'string' } }, USAGE, { min: 1, max: 1 });
    const jwks = (await loadServices(context)).keys.jwks(positionals[0]!);
    if (values.out) {
      await writeOut(context, values.out, jwks + '\n', 0o644);
      context.err(`Wrote the public JWKS to ${values.out}. Serve it as application/json with a short Cache-Control.\n`);
    } else context.out(jwks + '\n');
    return EXIT.ok;
  },

  async 'public-pem'(context, argv) {
    const { values, positionals } = parseCommandArgs(argv, { kid: { type: 'string' } }, USAGE, { min: 1, max: 1 });
    context.out((await loadServices(context)).keys.publicPem(positionals[0]!, values.kid));
    return EXIT.ok;
  },

  async 'export-private'(context, argv) {
    const { values, positionals } = parseCommandArgs(argv, { kid: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } }, USAGE, { min: 1, max: 1 });
    if (!values.kid || !values.out || (values.format !== 'pkcs8' && values.format !== 'jwe')) throw usageError('--kid, --format pkcs8|jwe and --out are required.', USAGE);
    const passphrase = await requiredPassphrase(context);
    const { keys } = await loadServices(context);
    const text = await keys.exportPrivate(positionals[0]!, values.kid, values.format === 'pkcs8' ? 'pkcs8-encrypted-pem' : 'jwe-private-jwk', passphrase);
    await writeOut(context, values.out, text, 0o600);
    print(context, { written: values.out, format: values.format, kid: values.kid }, () => `Wrote the encrypted private key ${values.kid} to ${values.out} (mode 0600). Keep the passphrase apart from the file.\n`);
    return EXIT.ok;
  },

  async import(context, argv) {
    const { values, positionals } = parseCommandArgs(argv, { kid: { type: 'string' } }, USAGE, { min: 2, max: 2 });
    const input = await readInputText(context, positionals[1]!, 'key file');
    const passphrase = await firstLineOfStdin(context);
    const { record, warnings } = await (await loadServices(context)).keys.importKey(positionals[0]!, { input, ...(passphrase && { passphrase }), ...(values.kid && { kid: values.kid }) });
    for (const warning of warnings) context.err(`warning: ${warning}\n`);
    print(context, { record, warnings }, () => `Imported ${record.kid}\n${describeRecord(record)}\n`);
    return EXIT.ok;
  },

  async 'hosting-request'(context, argv) {
    const { values, positionals } = parseCommandArgs(argv, { 'app-id': { type: 'string' }, out: { type: 'string' } }, USAGE, { min: 1, max: 1 });
    if (!values['app-id'] || !values.out) throw usageError('--app-id <uuid> and --out <dir> are required.', USAGE);
    const request = (await loadServices(context)).keys.hostingRequest(positionals[0]!, values['app-id']);
    const { writeHostingRequest } = await import('../../core/keys/hosting-request-files');
    const files = await writeHostingRequest(values.out, request);
    for (const warning of request.warnings) context.err(`warning: ${warning}\n`);
    print(context, { dir: values.out, files, request: request.request, jwk: request.jwk, publicKeyUrl: request.publicKeyUrl, ...(request.expiry && { expiry: request.expiry }), warnings: request.warnings }, () =>
      [
        `Wrote the NHS-hosted JWKS request for ${request.request.kid} (${request.request.environment}) to ${values.out}:`,
        ...files.map((f) => `  ${f}`),
        'Send request.json and public-key.pem to NHS (see README.txt). Once NHS has added the key, set the Public key URL to:',
        `  ${request.publicKeyUrl}`,
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  },

  async rotate(context, argv) {
    const { positionals } = parseCommandArgs(argv, {}, USAGE, { min: 1, max: 1 });
    const result = await (await loadServices(context)).keys.rotate(positionals[0]!);
    print(context, result, () =>
      `${result.action === 'activated' ? `Now signing with ${result.record.kid}.` : `Generated the next key ${result.record.kid}; publish it now.`}\n${result.plan.steps.map((s) => `  ${s.date.slice(0, 10)}  ${s.text}`).join('\n')}\n`,
    );
    return EXIT.ok;
  },

  async retire(context, argv) {
    const { values, positionals } = parseCommandArgs(argv, { kid: { type: 'string' } }, USAGE, { min: 1, max: 1 });
    if (!values.kid) throw usageError('--kid is required.', USAGE);
    const record = (await loadServices(context)).keys.retire(positionals[0]!, values.kid);
    print(context, record, () => `Retired ${record.kid}; it stays published until ${record.removeAfter?.slice(0, 10) ?? 'the grace period ends'}.\n`);
    return EXIT.ok;
  },

  async delete(context, argv) {
    const { values, positionals } = parseCommandArgs(argv, { kid: { type: 'string' }, yes: { type: 'boolean' } }, USAGE, { min: 1, max: 1 });
    if (!values.kid) throw usageError('--kid is required.', USAGE);
    if (!values.yes) throw new AppError('CONFIRMATION_REQUIRED', `Deleting key ${values.kid} cannot be undone. Add --yes to go ahead.`);
    const result = await (await loadServices(context)).keys.remove(positionals[0]!, values.kid, true);
    print(context, result, () => `Deleted key ${values.kid} (custody file and keychain item).\n`);
    return EXIT.ok;
  },
};

/** See module comment. */
export const keys: Command = {
  name: 'keys',
  summary: 'Generate, list, publish, export, import, rotate and delete signing keys',
  usage: USAGE,
  async run(context, argv) {
    const [action, ...rest] = argv;
    const run = action === undefined ? undefined : ACTIONS[action];
    if (!run) throw usageError(action === undefined ? 'Which keys action?' : `Unknown keys action "${action}".`, USAGE);
    return run(context, rest);
  },
};
