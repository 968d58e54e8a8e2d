/** `support-pack` — the redacted zip NHS support asks for about one registration (issue 12). */
import { EXIT, print, resolvePath } from '../context';
import { defineCommand } from '../spec';
import { loadServices } from '../lazy';
import { ID_ARG } from '../common-options';
import { ASSERTION_SOURCE_TEXT } from '../../contract/operations/support';

/** `support-pack <id> --out <file.zip> [--app-id <uuid>]`. */
export const supportPack = defineCommand({
  name: 'support-pack',
  summary: 'Write the redacted support pack of a registration (what NHS support asks for; scanned for secrets)',
  args: [ID_ARG],
  options: {
    out: { type: 'string', value: '<file.zip>', required: true, complete: 'file', output: 'file', description: 'the zip to write' },
    'app-id': { type: 'string', value: '<application id>', description: 'your application id in the NHS developer portal, for the README (default: the stored one)' },
  },
  examples: ['oidc-onboard support-pack parcel-app-int --out support.zip --app-id 9b2f3c1e-4d5a-4b6c-8d7e-0f1a2b3c4d5e'],
  async run(context, { values, positionals }) {
    const services = await loadServices(context);
    const appId = values['app-id'];
    const result = await services.supportPack(positionals[0]!, resolvePath(context, values.out!), { ...(appId !== undefined && { applicationId: appId }) });
    const source = ASSERTION_SOURCE_TEXT[result.assertionSource];
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
});
