/** Commands for provider profiles and registration drafts (issue 3). */
import { AppError } from '../../contract/errors';
import { EXIT, print, usageError, type Command } from '../context';
import { parseCommandArgs } from '../args';
import { readInputText } from '../input';
import { loadServices } from '../lazy';
import { formatFindings, formatRegistration } from '../format';

const exitForReport = (valid: boolean) => (valid ? EXIT.ok : EXIT.invalid);

/** `profiles`. */
export const profiles: Command = {
  name: 'profiles',
  summary: 'List the provider profiles and their environments',
  usage: 'oidc-onboard profiles [--json]',
  async run(context, argv) {
    parseCommandArgs(argv, {}, this.usage, { min: 0, max: 0 });
    const [{ listProfiles }, { profileSummary }] = await Promise.all([import('../../core/profiles'), import('../../core/views/summaries')]);
    const all = listProfiles().map(profileSummary);
    print(context, all, () =>
      all
        .map((p) => `${p.id}  ${p.name} (profile ${p.profileVersion}, facts checked ${p.updated})\n${p.environments.map((e) => `  ${e.id.padEnd(12)} ${e.label}${(e.discoveryUrl ?? e.tokenEndpoint) ? `  ${e.discoveryUrl ?? e.tokenEndpoint}` : ''}`).join('\n')}`)
        .join('\n\n')
        .concat('\n'),
    );
    return EXIT.ok;
  },
};

/** `new`. */
export const create: Command = {
  name: 'new',
  summary: 'Create a draft registration for a provider and environment',
  usage: 'oidc-onboard new --profile <provider> --environment <env> --name <client_name> [--discovery-url <url>] [--json]',
  async run(context, argv) {
    const { values } = parseCommandArgs(
      argv,
      { profile: { type: 'string' }, environment: { type: 'string' }, name: { type: 'string' }, 'discovery-url': { type: 'string' } },
      this.usage,
      { min: 0, max: 0 },
    );
    if (!values.profile || !values.environment || values.name === undefined) throw usageError('--profile, --environment and --name are required.', this.usage);
    const { registrationDetail } = await import('../../core/views/summaries');
    const detail = registrationDetail(
      (await loadServices(context)).drafts.create({
        provider: values.profile,
        environment: values.environment,
        clientName: values.name,
        ...(values['discovery-url'] ? { discoveryUrl: values['discovery-url'] } : {}),
      }),
    );
    print(context, { id: detail.registration.id, ...detail }, () => `Created ${detail.registration.id}\n${formatRegistration(detail)}`);
    return EXIT.ok;
  },
};

/** `list`. */
export const list: Command = {
  name: 'list',
  summary: 'List draft registrations with their status',
  usage: 'oidc-onboard list [--json]',
  async run(context, argv) {
    parseCommandArgs(argv, {}, this.usage, { min: 0, max: 0 });
    const { registrationSummary } = await import('../../core/views/summaries');
    const all = (await loadServices(context)).drafts.list().map((view) => registrationSummary(view));
    print(context, all, () =>
      all.length === 0
        ? 'No registrations yet. Create one with: oidc-onboard new --profile nhs-cis2 --environment int --name "My service"\n'
        : all
            .map((s) => `${s.registration.id.padEnd(32)} ${s.providerName} · ${s.environmentName}  ${s.status.valuesValid ? 'valid' : `${s.status.errorCount} error(s)`}`)
            .join('\n')
            .concat('\n'),
    );
    return EXIT.ok;
  },
};

/** `show`. */
export const show: Command = {
  name: 'show',
  summary: 'Show one draft with its values and findings',
  usage: 'oidc-onboard show <id> [--json]',
  async run(context, argv) {
    const { positionals } = parseCommandArgs(argv, {}, this.usage, { min: 1, max: 1 });
    const { registrationDetail } = await import('../../core/views/summaries');
    const detail = registrationDetail((await loadServices(context)).drafts.get(positionals[0]!));
    print(context, detail, () => formatRegistration(detail) + '\n' + formatFindings(detail.report));
    return EXIT.ok;
  },
};

/** `set`. */
export const set: Command = {
  name: 'set',
  summary: 'Change values of a draft',
  usage:
    'oidc-onboard set <id> [--client-name <s>] [--redirect-uri <uri>]... [--remove-redirect-uri <uri>]... [--jwks-uri <url>] [--contact <email>]... [--auth-method <m>] [--signing-alg <alg>] [--json]',
  async run(context, argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        'client-name': { type: 'string' },
        'redirect-uri': { type: 'string', multiple: true },
        'remove-redirect-uri': { type: 'string', multiple: true },
        'jwks-uri': { type: 'string' },
        contact: { type: 'string', multiple: true },
        'auth-method': { type: 'string' },
        'signing-alg': { type: 'string' },
      },
      this.usage,
      { min: 1, max: 1 },
    );
    if (Object.keys(values).length === 0) throw usageError('Nothing to change: give at least one option.', this.usage);
    const { registrationDetail } = await import('../../core/views/summaries');
    const detail = registrationDetail(
      (await loadServices(context)).drafts.setValues(positionals[0]!, {
        ...(values['client-name'] !== undefined && { clientName: values['client-name'] }),
        ...(values['redirect-uri'] && { addRedirectUris: values['redirect-uri'] }),
        ...(values['remove-redirect-uri'] && { removeRedirectUris: values['remove-redirect-uri'] }),
        ...(values['jwks-uri'] !== undefined && { jwksUri: values['jwks-uri'] }),
        ...(values.contact && { contacts: values.contact }),
        ...(values['auth-method'] !== undefined && { authMethod: values['auth-method'] }),
        ...(values['signing-alg'] !== undefined && { signingAlg: values['signing-alg'] }),
      }),
    );
    print(context, detail, () => `Saved ${detail.registration.id}.\n${formatFindings(detail.report)}`);
    return EXIT.ok;
  },
};

/** `validate`. */
export const validate: Command = {
  name: 'validate',
  summary: 'Validate a draft like the provider and the RFCs would',
  usage: 'oidc-onboard validate <id> [--json]',
  async run(context, argv) {
    const { positionals } = parseCommandArgs(argv, {}, this.usage, { min: 1, max: 1 });
    const { report } = (await loadServices(context)).drafts.get(positionals[0]!);
    print(context, report, () => formatFindings(report));
    return exitForReport(report.valid);
  },
};

/** `validate-metadata` — stateless: judge a JSON file of client metadata. */
export const validateMetadataFile: Command = {
  name: 'validate-metadata',
  summary: 'Validate a client metadata JSON file against a provider profile',
  usage: 'oidc-onboard validate-metadata <file.json> --profile <provider> [--environment <env>] [--json]',
  async run(context, argv) {
    const { values, positionals } = parseCommandArgs(argv, { profile: { type: 'string' }, environment: { type: 'string' } }, this.usage, { min: 1, max: 1 });
    if (!values.profile) throw usageError('--profile is required.', this.usage);
    const text = await readInputText(context, positionals[0]!, 'metadata file');
    let metadata: unknown;
    try {
      metadata = JSON.parse(text);
    } catch (error) {
      throw new AppError('INPUT_UNREADABLE', `${positionals[0]} is not JSON: ${(error as Error).message}`);
    }
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) throw new AppError('INPUT_UNREADABLE', `${positionals[0]} must hold a JSON object of client metadata.`);
    const [{ getProfile }, { validateMetadata }] = await Promise.all([import('../../core/profiles'), import('../../core/registration')]);
    const profile = getProfile(values.profile);
    const report = validateMetadata(metadata, profile, values.environment ?? profile.defaultEnvironment);
    print(context, report, () => formatFindings(report));
    return exitForReport(report.valid);
  },
};

/** `discover`. */
export const discover: Command = {
  name: 'discover',
  summary: "Refresh a draft's provider data from its discovery document (or --forget it)",
  usage: 'oidc-onboard discover <id> [--url <issuer or .well-known URL>] [--ca <pem file>] [--allow-private-network] [--forget] [--json]',
  async run(context, argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { url: { type: 'string' }, ca: { type: 'string' }, forget: { type: 'boolean' }, 'allow-private-network': { type: 'boolean' } },
      this.usage,
      { min: 1, max: 1 },
    );
    if (values.forget && (values.url || values.ca)) throw usageError('--forget takes no --url or --ca.', this.usage);
    const [{ drafts }, { registrationDetail }] = await Promise.all([loadServices(context), import('../../core/views/summaries')]);
    const caPem = values.ca ? await readInputText(context, values.ca, 'CA file') : undefined;
    const detail = registrationDetail(
      values.forget ? drafts.forgetDiscovery(positionals[0]!) : await drafts.discover(positionals[0]!, { ...(values.url && { url: values.url }), ...(caPem && { caPem }), ...(values['allow-private-network'] && { allowPrivateNetwork: true }) }),
    );
    const applied = detail.registration.discovery;
    print(context, detail, () =>
      applied
        ? `Using the discovery document ${applied.url} (fetched ${applied.fetchedAt}; issuer ${applied.issuerMatch}).\n${applied.warnings.map((w) => `warning: ${w}\n`).join('')}${formatFindings(detail.report)}`
        : `Using the built-in provider data.\n${formatFindings(detail.report)}`,
    );
    return EXIT.ok;
  },
};
