/** `support-pack` — the redacted zip NHS support asks for about one registration (issue 12). */
import { parseCommandArgs } from '../args';
import { EXIT, print, usageError, type Command } from '../context';
import { loadServices } from '../lazy';

/** `support-pack <id> --out <file.zip> [--app-id <uuid>]`. */
export const supportPack: Command = {
  name: 'support-pack',
  summary: 'Write the redacted support pack of a registration (what NHS support asks for; scanned for secrets)',
  usage: 'oidc-onboard support-pack <id> --out <file.zip> [--app-id <application id; default the stored one>] [--json]',
  async run(context, argv) {
    const { values, positionals } = parseCommandArgs(argv, { out: { type: 'string' }, 'app-id': { type: 'string' } }, this.usage, { min: 1, max: 1 });
    if (values.out === undefined || values.out === '') throw usageError('--out <file.zip> is required.', this.usage);
    const services = await loadServices(context);
    const appId = values['app-id'];
    const result = await services.supportPack(positionals[0]!, values.out, { ...(appId !== undefined && { applicationId: appId }) });
    const source = { 'last-built': 'the last assertion built (signature removed)', illustration: 'an unsigned illustration (no assertion built yet)', none: 'none (this registration uses no signed assertion, or has no key)' }[result.assertionSource];
    print(
      context,
      result,
      () =>
        `Wrote ${result.path} (${result.bytes} bytes, sha256 ${result.sha256}).\n` +
        `It holds ${result.entries.join(', ')}.\n` +
        `JWT header and payload: ${source}.\n` +
        'Scanned: no client secret, private key, passphrase or full API key. Read README.txt inside before you send it.\n',
    );
    return EXIT.ok;
  },
};
