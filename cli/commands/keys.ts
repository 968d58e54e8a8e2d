/** `keys <subcommand>` — signing keys of a registration (issue 4). Private keys only ever leave encrypted. */
import { AppError, hasErrorCode } from '../../contract/errors';
import { EXIT, print, resolvePath, usageError, type CliContext } from '../context';
import { defineCommand, type GroupDecl } from '../spec';
import { readInputText } from '../input';
import { loadServices } from '../lazy';
import { ID_ARG } from '../common-options';
import { readSecret, secretHint } from '../secret';
import { writeOutputFile } from '../output';

const KID = { type: 'string', value: '<kid>', description: 'key id (see oidc-onboard keys list <id>)' } as const;

function describeRecord(r: { kid: string; alg: string; kty: string; size?: number | undefined; crv?: string | undefined; state: string; thumbprint: string; createdAt: string; custody: string }): string {
  return `${r.state.padEnd(7)} ${r.kid}\n        ${r.alg} ${r.kty}${r.size ? ` ${r.size}` : ''}${r.crv ? ` ${r.crv}` : ''}, created ${r.createdAt.slice(0, 10)}, custody: ${r.custody}\n        fingerprint (RFC 7638 SHA-256): ${r.thumbprint}`;
}

const generate = defineCommand({
  name: 'generate',
  summary: 'Generate a signing key pair (private key kept in the OS keychain)',
  args: [ID_ARG],
  options: {
    alg: { type: 'string', value: '<alg>', description: "signing algorithm: RS256, RS384, RS512, PS256, PS384, PS512, ES256 or ES384 (default: the registration's)" },
    size: { type: 'string', value: '<bits>', choices: ['2048', '3072', '4096'], description: "RSA modulus size (default: the provider's)" },
    curve: { type: 'string', value: '<crv>', choices: ['P-256', 'P-384'], description: 'EC curve (default: the one the algorithm names)' },
    kid: { type: 'string', value: '<kid>', description: 'key id to use (default: the RFC 7638 thumbprint)' },
    'kid-style': { type: 'string', value: 'dated|thumbprint', choices: ['dated', 'thumbprint'], description: 'dated: a YYYY-MM-DD-prefixed kid whose expiry NHS tracks' },
    'rotate-by': { type: 'string', value: '<YYYY-MM-DD>', description: 'the date in a dated kid (with --kid-style dated; default: a year from now)' },
  },
  examples: ['oidc-onboard keys generate clinic-portal-int', 'oidc-onboard keys generate parcel-app-int --alg RS512 --size 4096 --kid-style dated --rotate-by 2027-12-01'],
  async run(context, { values, positionals }) {
    const size = values.size === undefined ? undefined : Number(values.size);
    const kidStyle = values['kid-style'] as 'dated' | 'thumbprint' | undefined;
    if (kidStyle === 'dated' && values.kid) throw usageError('Give --kid or --kid-style dated, not both.');
    if (values['rotate-by'] !== undefined && kidStyle !== 'dated') throw usageError('--rotate-by goes with --kid-style dated.');
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
});

const list = defineCommand({
  name: 'list',
  summary: 'List the key pairs of a registration with the rotation plan',
  args: [ID_ARG],
  examples: ['oidc-onboard keys list clinic-portal-int'],
  async run(context, { positionals }) {
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
});

const jwks = defineCommand({
  name: 'jwks',
  summary: 'Print (or write) the public JWK Set to serve at your jwks_uri',
  args: [ID_ARG],
  options: { out: { type: 'string', value: '<file>', complete: 'file', output: 'file', description: 'write it to this file instead of stdout' } },
  examples: ['oidc-onboard keys jwks clinic-portal-int --out public/jwks.json'],
  async run(context, { values, positionals }) {
    const text = (await loadServices(context)).keys.jwks(positionals[0]!);
    if (values.out) {
      await writeOutputFile(context, values.out, text + '\n', 0o644);
      print(context, { written: resolvePath(context, values.out) }, () => '');
      if (!context.json) context.err(`Wrote the public JWKS to ${values.out}. Serve it as application/json with a short Cache-Control.\n`);
    } else context.out(text + '\n'); // a JWK Set: one JSON document either way
    return EXIT.ok;
  },
});

const publicPem = defineCommand({
  name: 'public-pem',
  summary: 'Print a public key as PEM (SubjectPublicKeyInfo)',
  args: [ID_ARG],
  options: { kid: { ...KID, description: 'which key (default: the active one)' } },
  examples: ['oidc-onboard keys public-pem clinic-portal-int > public-key.pem'],
  async run(context, { values, positionals }) {
    const pem = (await loadServices(context)).keys.publicPem(positionals[0]!, values.kid);
    print(context, { pem }, () => pem);
    return EXIT.ok;
  },
});

const exportPrivate = defineCommand({
  name: 'export-private',
  summary: 'Write a private key encrypted with a passphrase (PKCS#8 PEM or JWE)',
  args: [ID_ARG],
  options: {
    kid: { ...KID, required: true },
    format: { type: 'string', value: 'pkcs8|jwe', choices: ['pkcs8', 'jwe'], required: true, description: 'pkcs8: encrypted PKCS#8 PEM (openssl, Java, .NET); jwe: an encrypted private JWK' },
    out: { type: 'string', value: '<file>', required: true, complete: 'file', output: 'file', description: 'the file to write (mode 0600)' },
  },
  details: ['The passphrase is asked for twice without echo on a terminal, or read from the first line of stdin when piped.'],
  examples: ['oidc-onboard keys export-private clinic-portal-int --kid 2027-12-01-Ab12Cd34 --format pkcs8 --out clinic-key.p8.pem'],
  async run(context, { values, positionals }) {
    const passphrase = await readSecret(context, { prompt: 'Passphrase for the exported key', stdin: 'first-line', confirm: true });
    if (passphrase === undefined) throw new AppError('PASSPHRASE_REQUIRED', `A passphrase is needed to encrypt the key. ${secretHint(context)}`);
    const { keys } = await loadServices(context);
    const text = await keys.exportPrivate(positionals[0]!, values.kid!, values.format === 'pkcs8' ? 'pkcs8-encrypted-pem' : 'jwe-private-jwk', passphrase);
    await writeOutputFile(context, values.out!, text, 0o600);
    print(context, { written: values.out, format: values.format, kid: values.kid }, () => `Wrote the encrypted private key ${values.kid} to ${values.out} (mode 0600). Keep the passphrase apart from the file.\n`);
    return EXIT.ok;
  },
});

const importKey = defineCommand({
  name: 'import',
  summary: 'Import a key pair from a PEM or JWK file (encrypted files ask for their passphrase)',
  args: [ID_ARG, { name: 'file', description: 'PKCS#8 PEM (plain or encrypted), PKCS#1/SEC1 PEM, or a private JWK / JWE', file: true }],
  options: { kid: { ...KID, description: 'key id to give it (default: its own kid, else the thumbprint)' } },
  details: ['For an encrypted file the passphrase is asked for without echo on a terminal, or read from the first line of stdin when piped.'],
  examples: ['oidc-onboard keys import clinic-portal-int clinic-key.p8.pem'],
  async run(context, { values, positionals }) {
    const input = await readInputText(context, positionals[1]!, 'key file');
    const { keys } = await loadServices(context);
    const importWith = (passphrase: string | undefined) => keys.importKey(positionals[0]!, { input, ...(passphrase && { passphrase }), ...(values.kid && { kid: values.kid }) });
    let result;
    if (context.promptSecret) {
      // On a terminal, ask only when the file turns out to be encrypted.
      try {
        result = await importWith(undefined);
      } catch (error) {
        if (!hasErrorCode(error, 'PASSPHRASE_REQUIRED')) throw error;
        result = await importWith(await readSecret(context, { prompt: `Passphrase of ${positionals[1]}`, stdin: 'first-line' }));
      }
    } else result = await importWith(await readSecret(context, { prompt: 'Passphrase', stdin: 'first-line' }));
    const { record, warnings } = result;
    for (const warning of warnings) context.err(`warning: ${warning}\n`);
    print(context, { record, warnings }, () => `Imported ${record.kid}\n${describeRecord(record)}\n`);
    return EXIT.ok;
  },
});

const hostingRequest = defineCommand({
  name: 'hosting-request',
  summary: "Write the request for an NHS-hosted JWKS (API platform): make_jwk.py's inputs, the JWK and a README",
  args: [ID_ARG],
  options: {
    'app-id': { type: 'string', value: '<uuid>', required: true, description: 'your application id in the NHS developer portal' },
    out: { type: 'string', value: '<dir>', required: true, complete: 'dir', output: 'dir', description: 'folder to write request.json, public-key.pem, the JWK and README.txt into' },
  },
  examples: ['oidc-onboard keys hosting-request parcel-app-int --app-id 9b2f3c1e-4d5a-4b6c-8d7e-0f1a2b3c4d5e --out hosting-request'],
  async run(context, { values, positionals }) {
    const request = (await loadServices(context)).keys.hostingRequest(positionals[0]!, values['app-id']!);
    const { writeHostingRequest } = await import('../../core/keys/hosting-request-files');
    const files = await writeHostingRequest(resolvePath(context, values.out!), request);
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
});

const rotate = defineCommand({
  name: 'rotate',
  summary: 'Next rotation step: generate the next key to publish, or switch signing to it once published',
  args: [ID_ARG],
  examples: ['oidc-onboard keys rotate clinic-portal-int'],
  async run(context, { positionals }) {
    const result = await (await loadServices(context)).keys.rotate(positionals[0]!);
    print(context, result, () =>
      `${result.action === 'activated' ? `Now signing with ${result.record.kid}.` : `Generated the next key ${result.record.kid}; publish it now.`}\n${result.plan.steps.map((s) => `  ${s.date.slice(0, 10)}  ${s.text}`).join('\n')}\n`,
    );
    return EXIT.ok;
  },
});

const retire = defineCommand({
  name: 'retire',
  summary: 'Stop signing with a key; it stays published through the grace period',
  args: [ID_ARG],
  options: { kid: { ...KID, required: true } },
  examples: ['oidc-onboard keys retire clinic-portal-int --kid 2026-12-01-Ab12Cd34'],
  async run(context, { values, positionals }) {
    const record = (await loadServices(context)).keys.retire(positionals[0]!, values.kid!);
    print(context, record, () => `Retired ${record.kid}; it stays published until ${record.removeAfter?.slice(0, 10) ?? 'the grace period ends'}.\n`);
    return EXIT.ok;
  },
});

const remove = defineCommand({
  name: 'delete',
  summary: 'Delete a key pair (custody file and keychain item); cannot be undone',
  args: [ID_ARG],
  options: { kid: { ...KID, required: true }, yes: { type: 'boolean', short: 'y', description: 'confirm: the key is gone for good' } },
  examples: ['oidc-onboard keys delete clinic-portal-int --kid 2026-12-01-Ab12Cd34 --yes'],
  async run(context: CliContext, { values, positionals }) {
    if (!values.yes) throw new AppError('CONFIRMATION_REQUIRED', `Deleting key ${values.kid} cannot be undone. Add --yes to go ahead.`);
    const result = await (await loadServices(context)).keys.remove(positionals[0]!, values.kid!, true);
    print(context, result, () => `Deleted key ${values.kid} (custody file and keychain item).\n`);
    return EXIT.ok;
  },
});

/** `keys`. */
export const keys: GroupDecl = {
  name: 'keys',
  summary: 'Generate, list, publish, export, import, rotate and delete signing keys',
  details: ['Private keys stay in the OS keychain (or a passphrase-protected file); they leave only encrypted, with export-private.'],
  subcommands: [generate, list, jwks, publicPem, exportPrivate, importKey, hostingRequest, rotate, retire, remove],
};
