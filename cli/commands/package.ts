/** `package` and `verify-package` — the signed registration request package (issue 6). */
import { AppError, hasErrorCode } from '../../contract/errors';
import { parseCommandArgs } from '../args';
import { EXIT, print, resolvePath, type Command } from '../context';
import { firstLineOfStdin, readInputFile, readInputText } from '../input';
import { loadServices } from '../lazy';

/** `package`. */
export const packageCommand: Command = {
  name: 'package',
  summary: 'Build the signed registration request package (.zip) to send to the provider',
  usage: 'oidc-onboard package <id> --out <file.zip> [--ca <pem file>] [--offline] [--acknowledge <reason>] [--json]   (passphrase of a passphrase-custody key on stdin)',
  async run(context, argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { out: { type: 'string' }, ca: { type: 'string' }, offline: { type: 'boolean' }, acknowledge: { type: 'string' } },
      this.usage,
      { min: 1, max: 1 },
    );
    if (!values.out) throw new AppError('USAGE', `Give the file to write with --out.\nUsage: ${this.usage}`);
    if (values.acknowledge !== undefined && values.acknowledge.trim() === '') throw new AppError('USAGE', `--acknowledge needs a reason.\nUsage: ${this.usage}`);
    const caPem = values.ca ? await readInputText(context, values.ca, 'CA file') : undefined;
    const services = await loadServices(context);
    const { packages } = services;
    const id = positionals[0]!;
    const record = services.registrations.find(id);
    const needsPassphrase = (record?.keys ?? []).some((k) => k.state === 'active' && k.custody === 'passphrase');
    const passphrase = needsPassphrase ? await firstLineOfStdin(context) : undefined;
    let built;
    try {
      built = await packages.build(id, {
        out: resolvePath(context, values.out),
        ...(values.offline && { offline: true }),
        ...(caPem !== undefined && { caPem }),
        ...(values.acknowledge !== undefined && { acknowledgeFindings: values.acknowledge }),
        ...(passphrase !== undefined && { unlock: { passphrase } }),
      });
    } catch (error) {
      if (hasErrorCode(error, 'FINDINGS_BLOCK') && !context.json) {
        const findings = (error.details?.findings ?? []) as { source: string; code: string; path: string; message: string }[];
        for (const f of findings) context.err(`[ERROR] ${f.code}${f.path ? ` at ${f.path}` : ''} (${f.source}): ${f.message}\n`);
        context.err('Fix these, or package anyway with --acknowledge "<why>" (the reason is recorded in the package).\n');
      }
      throw error;
    }
    print(context, built, () =>
      [
        `Package written: ${built.path} (${built.bytes} bytes)`,
        `SHA-256: ${built.sha256}`,
        '  Quote this SHA-256 in your message so the recipient can confirm the file.',
        built.manifest.jwksCheck.included ? `jwks_uri check: ${built.manifest.jwksCheck.verdict.toUpperCase()} (${built.manifest.jwksCheck.fresh ? 'fresh' : 'latest kept'})` : `jwks_uri check: not included (${built.manifest.jwksCheck.reason})`,
        ...(built.manifest.acknowledgement ? [`Packaged despite ${built.manifest.acknowledgement.findings.length} finding(s): ${built.manifest.acknowledgement.reason}`] : []),
        `Send to: ${built.sendTo}`,
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  },
};

/** `verify-package`. */
export const verifyPackage: Command = {
  name: 'verify-package',
  summary: 'Verify a registration package: what it asks for, findings under today\'s rules, intact (checksums, signature) and live state (jwks_uri now); exit 1 when either fails',
  usage: 'oidc-onboard verify-package <file.zip> [--ca <pem file>] [--offline] [--allow-private-network] [--json]',
  async run(context, argv) {
    const { values, positionals } = parseCommandArgs(argv, { ca: { type: 'string' }, offline: { type: 'boolean' }, 'allow-private-network': { type: 'boolean' } }, this.usage, { min: 1, max: 1 });
    // The size is checked before reading and the read stops at the cap: an untrusted 600 MB file
    // is refused before anything is held (or the verifier is even loaded).
    const { DEFAULT_ZIP_LIMITS } = await import('../../core/package/zip');
    const [bytes, caPem] = await Promise.all([readInputFile(context, positionals[0]!, 'package', DEFAULT_ZIP_LIMITS.maxArchiveBytes), values.ca ? readInputText(context, values.ca, 'CA file') : undefined]);
    // Verification needs no keychain and no data folder: support staff run it on any machine.
    const [{ verifyPackage: verify, verificationToMarkdown }, { createCliFetcher }] = await Promise.all([import('../../core/package'), import('../fetcher')]);
    // The package's jwks_uri is untrusted: private addresses only with --allow-private-network, link-local never.
    const result = await verify(new Uint8Array(bytes), {
      ...(values.offline ? { offline: true } : { fetcher: createCliFetcher() }),
      ...(caPem !== undefined && { caPem }),
      ...(values['allow-private-network'] && { allowPrivateNetwork: true }),
    });
    print(context, result, () => verificationToMarkdown(result));
    return result.verdict === 'valid' ? EXIT.ok : EXIT.invalid;
  },
};
