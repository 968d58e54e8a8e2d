/** Commands for provider profiles and registration drafts (issue 3). */
import { AppError } from '../../contract/errors';
import { EXIT, print, usageError } from '../context';
import { defineCommand } from '../spec';
import { readCaFile, readInputText } from '../input';
import { loadServices } from '../lazy';
import { formatFindings, formatRegistration } from '../format';
import { memberChanges, SET_OPTIONS } from './set-members';
import { CA_OPTION, ID_ARG } from '../common-options';

const exitForReport = (valid: boolean) => (valid ? EXIT.ok : EXIT.invalid);

/** `profiles`. */
export const profiles = defineCommand({
  name: 'profiles',
  summary: 'List the provider profiles and their environments',
  examples: ['oidc-onboard profiles', 'oidc-onboard profiles --json'],
  async run(context) {
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
});

/** `new`. */
export const create = defineCommand({
  name: 'new',
  summary: 'Create a draft registration for a provider and environment',
  options: {
    profile: { type: 'string', value: '<provider>', required: true, description: 'provider profile id: nhs-cis2, nhs-login, nhs-api-platform or generic-oidc (see oidc-onboard profiles)' },
    environment: { type: 'string', value: '<env>', required: true, description: 'environment id of that provider, e.g. int, dep, live, sandpit' },
    name: { type: 'string', value: '<client_name>', required: true, description: 'client_name: the application name users see; one draft per name, provider and environment' },
    'discovery-url': { type: 'string', value: '<url>', description: "the provider's issuer or .well-known/openid-configuration URL, when not the built-in one" },
  },
  details: ['A second draft with the same --name for the same provider and environment is refused with the existing id (exit 2): change that one with set, or copy it to another environment with copy.'],
  examples: ['oidc-onboard new --profile nhs-cis2 --environment int --name "Clinic Portal"', 'oidc-onboard new --profile nhs-login --environment sandpit --name "Patient App" --json'],
  async run(context, { values }) {
    const { registrationDetail } = await import('../../core/views/summaries');
    const detail = registrationDetail(
      (await loadServices(context)).drafts.create({
        provider: values.profile!,
        environment: values.environment!,
        clientName: values.name!,
        ...(values['discovery-url'] ? { discoveryUrl: values['discovery-url'] } : {}),
      }),
    );
    print(context, { id: detail.registration.id, ...detail }, () => `Created ${detail.registration.id}\n${formatRegistration(detail)}`);
    return EXIT.ok;
  },
});

/** `copy`. */
export const copy = defineCommand({
  name: 'copy',
  summary: "Copy a draft's values to another environment of the same provider (no keys, checks or credentials)",
  args: [ID_ARG],
  options: { environment: { type: 'string', value: '<env>', required: true, description: 'the environment the copy is for (e.g. dep or live)' } },
  details: ['Keys, check history, packages and credentials are never copied: each environment has its own key pairs and client.'],
  examples: ['oidc-onboard copy clinic-portal-int --environment dep'],
  async run(context, { values, positionals }) {
    const { registrationDetail } = await import('../../core/views/summaries');
    const detail = registrationDetail((await loadServices(context)).drafts.copyToEnvironment(positionals[0]!, values.environment!));
    print(context, { id: detail.registration.id, ...detail }, () => `Copied ${positionals[0]} to ${detail.registration.id}\n${formatRegistration(detail)}`);
    return EXIT.ok;
  },
});

/** `list`. */
export const list = defineCommand({
  name: 'list',
  aliases: ['registrations', 'ls'],
  summary: 'List draft registrations with their status',
  examples: ['oidc-onboard list', 'oidc-onboard list --json'],
  async run(context) {
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
});

/** `show`. */
export const show = defineCommand({
  name: 'show',
  summary: 'Show one draft with its values and findings',
  args: [ID_ARG],
  examples: ['oidc-onboard show clinic-portal-int', 'oidc-onboard show clinic-portal-int --json'],
  async run(context, { positionals }) {
    const { registrationDetail } = await import('../../core/views/summaries');
    const detail = registrationDetail((await loadServices(context)).drafts.get(positionals[0]!));
    print(context, detail, () => formatRegistration(detail) + '\n' + formatFindings(detail.report));
    return EXIT.ok;
  },
});

/** `set`. */
export const set = defineCommand({
  name: 'set',
  summary: 'Set, clear, add to or remove from any value of a draft',
  args: [ID_ARG],
  options: SET_OPTIONS,
  details: [
    'Every member has --<member> <value> to set it and --clear-<member> to remove it. List members (redirect URIs, contacts) take',
    '--add-<item> and --remove-<item> (repeatable; added values keep their order, a value already there is not added twice) and',
    '--clear-<list> to empty them. --redirect-uri and --contact are the old spellings of --add-redirect-uri and --add-contact: both add.',
    'Other standard members: --member <name>=<JSON value> and --clear-member <name>. Clears run first, then sets, removes and adds.',
  ],
  examples: [
    'oidc-onboard set clinic-portal-int --add-redirect-uri https://clinic.example.org/callback --add-contact ops@clinic.example.org',
    'oidc-onboard set patient-app-sandpit --application-type native --clear-logo-uri',
    'oidc-onboard set clinic-portal-int --member post_logout_redirect_uris=\'["https://clinic.example.org/bye"]\'',
  ],
  async run(context, { values, positionals }) {
    const changes = await memberChanges(context, values);
    if (Object.keys(changes).length === 0) throw usageError('Nothing to change: give at least one option (see oidc-onboard help set).');
    const { registrationDetail } = await import('../../core/views/summaries');
    const detail = registrationDetail((await loadServices(context)).drafts.setValues(positionals[0]!, changes));
    print(context, detail, () => `Saved ${detail.registration.id}.\n${formatFindings(detail.report)}`);
    return EXIT.ok;
  },
});

/** `validate`. */
export const validate = defineCommand({
  name: 'validate',
  summary: 'Validate a draft like the provider and the RFCs would (exit 1 when not valid)',
  args: [ID_ARG],
  examples: ['oidc-onboard validate clinic-portal-int'],
  async run(context, { positionals }) {
    const { report } = (await loadServices(context)).drafts.get(positionals[0]!);
    print(context, report, () => formatFindings(report));
    return exitForReport(report.valid);
  },
});

/** `validate-metadata` — stateless: judge a JSON file of client metadata. */
export const validateMetadataFile = defineCommand({
  name: 'validate-metadata',
  summary: 'Validate a client metadata JSON file against a provider profile',
  args: [{ name: 'file.json', description: 'a JSON object of client metadata (RFC 7591 member names)', file: true }],
  options: {
    profile: { type: 'string', value: '<provider>', required: true, description: 'provider profile id to judge it by (see oidc-onboard profiles)' },
    environment: { type: 'string', value: '<env>', description: "environment id (default: the profile's default environment)" },
  },
  examples: ['oidc-onboard validate-metadata client.json --profile nhs-api-platform --environment int'],
  async run(context, { values, positionals }) {
    const text = await readInputText(context, positionals[0]!, 'metadata file');
    let metadata: unknown;
    try {
      metadata = JSON.parse(text);
    } catch (error) {
      throw new AppError('INPUT_UNREADABLE', `${positionals[0]} is not JSON: ${(error as Error).message}`);
    }
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) throw new AppError('INPUT_UNREADABLE', `${positionals[0]} must hold a JSON object of client metadata.`);
    const [{ getProfile }, { validateMetadata }] = await Promise.all([import('../../core/profiles'), import('../../core/registration')]);
    const profile = getProfile(values.profile!);
    const report = validateMetadata(metadata, profile, values.environment ?? profile.defaultEnvironment);
    print(context, report, () => formatFindings(report));
    return exitForReport(report.valid);
  },
});

/** `discover`. */
export const discover = defineCommand({
  name: 'discover',
  summary: "Refresh a draft's provider data from its discovery document (or --forget it)",
  args: [ID_ARG],
  options: {
    url: { type: 'string', value: '<url>', description: "issuer or .well-known/openid-configuration URL (default: the draft's, else the environment's)" },
    ca: CA_OPTION,
    forget: { type: 'boolean', description: "drop the fetched document and go back to the profile's built-in data" },
  },
  examples: ['oidc-onboard discover clinic-portal-int', 'oidc-onboard discover my-idp-default --url https://idp.example.org --ca corp-ca.pem', 'oidc-onboard discover clinic-portal-int --forget'],
  async run(context, { values, positionals }) {
    if (values.forget && (values.url || values.ca)) throw usageError('--forget takes no --url or --ca.');
    const [{ drafts }, { registrationDetail }] = await Promise.all([loadServices(context), import('../../core/views/summaries')]);
    const caPem = await readCaFile(context, values.ca);
    const detail = registrationDetail(
      values.forget ? drafts.forgetDiscovery(positionals[0]!) : await drafts.discover(positionals[0]!, { ...(values.url && { url: values.url }), ...(caPem && { caPem }) }),
    );
    const applied = detail.registration.discovery;
    print(context, detail, () =>
      applied
        ? `Using the discovery document ${applied.url} (fetched ${applied.fetchedAt}; issuer ${applied.issuerMatch}).\n${applied.warnings.map((w) => `warning: ${w}\n`).join('')}${formatFindings(detail.report)}`
        : `Using the built-in provider data.\n${formatFindings(detail.report)}`,
    );
    return EXIT.ok;
  },
});
