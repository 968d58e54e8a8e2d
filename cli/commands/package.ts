/** `package` and `verify-package` — the signed registration request package (issue 6). */
import { AppError, hasErrorCode } from '../../contract/errors';
import { EXIT, print, resolvePath } from '../context';
import { defineCommand } from '../spec';
import { readCaFile, readInputFile } from '../input';
import { loadServices } from '../lazy';
import { readSecret } from '../secret';
import { ALLOW_PRIVATE_NETWORK_OPTION, CA_OPTION, ID_ARG } from '../common-options';

/** `package`. */
export const packageCommand = defineCommand({
  name: 'package',
  summary: 'Build the signed registration request package (.zip) to send to the provider',
  args: [ID_ARG],
  options: {
    out: { type: 'string', value: '<file.zip>', required: true, complete: 'file', output: 'file', description: 'the package file to write' },
    ca: { ...CA_OPTION, description: 'extra trusted CA certificate(s) for the fresh jwks_uri check' },
    offline: { type: 'boolean', description: 'do not fetch the jwks_uri now; include the latest kept check instead' },
    acknowledge: { type: 'string', value: '<reason>', description: 'package despite error findings; the reason is recorded in the package' },
  },
  details: ['When the active key is passphrase-protected, its passphrase is asked for without echo on a terminal, or read from the first line of stdin.'],
  examples: ['oidc-onboard package clinic-portal-int --out clinic-portal-int.zip', 'oidc-onboard package clinic-portal-int --out request.zip --offline --acknowledge "jwks_uri goes live on Monday"'],
  async run(context, { values, positionals }) {
    if (values.acknowledge !== undefined && values.acknowledge.trim() === '') throw new AppError('USAGE', '--acknowledge needs a reason.');
    const caPem = await readCaFile(context, values.ca);
    const services = await loadServices(context);
    const { packages } = services;
    const id = positionals[0]!;
    const record = services.registrations.find(id);
    const needsPassphrase = (record?.keys ?? []).some((k) => k.state === 'active' && k.custody === 'passphrase');
    const passphrase = needsPassphrase ? await readSecret(context, { prompt: 'Passphrase of the signing key', stdin: 'first-line' }) : undefined;
    let built;
    try {
      built = await packages.build(id, {
        out: resolvePath(context, values.out!),
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
});

/** `verify-package`. */
export const verifyPackage = defineCommand({
  name: 'verify-package',
  summary: "Verify a registration package: what it asks for, findings under today's rules, intact (checksums, signature) and live state (jwks_uri now); exit 1 when either fails",
  args: [{ name: 'file.zip', description: 'the package to verify', file: true }],
  options: {
    ca: CA_OPTION,
    offline: { type: 'boolean', description: 'skip the live check: verify only that the package is intact' },
    'allow-private-network': { ...ALLOW_PRIVATE_NETWORK_OPTION, description: "let the package's jwks_uri reach a private address (link-local never)" },
  },
  details: ['Needs no keychain or data folder: support staff can run it on any machine.'],
  examples: ['oidc-onboard verify-package clinic-portal-int.zip', 'oidc-onboard verify-package received.zip --offline --json'],
  async run(context, { values, positionals }) {
    // The size is checked before reading and the read stops at the cap: an untrusted 600 MB file
    // is refused before anything is held (or the verifier is even loaded).
    const { DEFAULT_ZIP_LIMITS } = await import('../../core/package/zip');
    const [bytes, caPem] = await Promise.all([readInputFile(context, positionals[0]!, 'package', DEFAULT_ZIP_LIMITS.maxArchiveBytes), readCaFile(context, values.ca)]);
    // Verification needs no keychain and no data folder: support staff run it on any machine.
    const [{ verifyPackage: verify, verificationToMarkdown }, { createFetcher }, { markdownToPlain }] = await Promise.all([import('../../core/package'), import('../../core/net/fetcher'), import('../plain-text')]);
    // The package's jwks_uri is untrusted: private addresses only with --allow-private-network, link-local never.
    const result = await verify(new Uint8Array(bytes), {
      ...(values.offline ? { offline: true } : { fetcher: createFetcher() }),
      ...(caPem !== undefined && { caPem }),
      ...(values['allow-private-network'] && { allowPrivateNetwork: true }),
    });
    print(context, result, () => markdownToPlain(verificationToMarkdown(result)));
    return result.verdict === 'valid' ? EXIT.ok : EXIT.invalid;
  },
});
