/**
 * One handler per contract operation, each a thin call into core services. Free of Electron:
 * desktop-only abilities (links, dialogs, clipboard) arrive as ports, so the UI tests run this
 * very file. Private keys never leave the main process: exports go straight to a file.
 */
import { AppError } from '../contract/errors';
import type { AppServices } from '../core/app/services';
import { profileSummary, registrationDetail, registrationSummary } from '../core/views/summaries';
import { checkEndpoint, toHtml, toMarkdown } from '../core/jwks-check';
import { describeExportFormats } from '../core/keys/export';
import { hostingSnippets } from '../core/keys/hosting';
import { writeHostingRequest } from '../core/keys/hosting-request-files';
import { compareRegistrations } from '../core/registration/compare';
import { ratePassphrase } from '../core/keys/passphrase';
import { listProfiles } from '../core/profiles';
import { saveTextFile } from '../core/storage/save-file';
import { verificationToMarkdown, verifyPackage } from '../core/package';
import type { Handlers } from './ipc-router';
import { isAllowedExternalUrl } from './external-links';

/** A file the user is asked to save. */
export interface SaveRequest {
  title: string;
  defaultName: string;
  filters: { name: string; extensions: string[] }[];
}

/** What the desktop shell provides beyond core services. */
export interface DesktopPorts {
  /** Opens an https URL in the system browser (already allow-listed by the handler). */
  openExternal(url: string): Promise<void>;
  /** Asks where to save; `undefined` when the user cancels. */
  chooseSavePath(request: SaveRequest): Promise<string | undefined>;
  /** Puts text on the clipboard, clearing it after `clearAfterMs` when given (secrets). */
  writeClipboard(text: string, clearAfterMs?: number): Promise<void>;
}

/** Builds the handler table; TypeScript refuses a missing operation. */
export function createHandlers(services: AppServices, desktop: DesktopPorts): Handlers {
  const { drafts, keys, checks, credentials } = services;
  const clearSeconds = () => services.preferences.get().clipboardClearSeconds;
  const publicText = (id: string, format: 'jwks' | 'spki-pem', kid?: string) => (format === 'jwks' ? keys.jwks(id) : keys.publicPem(id, kid));

  return {
    appInfo: () => services.appInfo(),
    openExternal: async ({ url }) => {
      if (!isAllowedExternalUrl(url)) throw new AppError('NETWORK_URL_REFUSED', 'Only https links to the documentation sites the app cites can be opened.', { details: { url: url.slice(0, 200) } });
      await desktop.openExternal(url);
      return { opened: true };
    },

    listProfiles: async () => listProfiles().map(profileSummary),
    listRegistrations: async () => drafts.list().map((view) => registrationSummary(view, services.ports.clock.now())),
    createRegistration: async (request) => registrationDetail(drafts.create(request)),
    getRegistration: async ({ id }) => registrationDetail(drafts.get(id)),
    updateRegistration: async ({ id, ...patch }) => registrationDetail(drafts.update(id, patch)),
    copyRegistration: async ({ id, environment }) => registrationDetail(drafts.copyToEnvironment(id, environment)),
    // The dialog's confirmation travels in the request; the cascade (keys, keychain items, client secret, history) is core's.
    deleteRegistration: async ({ id, confirm }) => {
      await services.deletion.delete(id, { confirm });
      return { deleted: true };
    },
    discoverProvider: async ({ id, url, caPem }) => registrationDetail(await drafts.discover(id, { ...(url && { url }), ...(caPem && { caPem }) })),
    forgetDiscovery: async ({ id }) => registrationDetail(drafts.forgetDiscovery(id)),
    settingsNotices: async () => [...services.store.notices],

    listKeys: async ({ id }) => {
      const registration = drafts.record(id);
      const jwksUri = typeof registration.metadata.jwks_uri === 'string' ? registration.metadata.jwks_uri : undefined;
      return { ...keys.view(id), exportFormats: describeExportFormats(), hosting: hostingSnippets('jwks.json', jwksUri) };
    },
    generateKey: async ({ id, alg, size, curve, kid, kidStyle, rotateBy, custodyPassphrase }, context) =>
      keys.generate(
        id,
        {
          ...(alg && { alg }),
          ...(size && { size }),
          ...(curve && { curve }),
          ...(kid && { kid }),
          ...(kidStyle && { kidStyle }),
          ...(rotateBy && { rotateBy }),
          ...(custodyPassphrase && { custody: { passphrase: custodyPassphrase } }),
        },
        (phase, fraction) => context.emit('keys:progress', { id, phase, ...(fraction === undefined ? {} : { fraction }) }),
      ),
    importKey: async ({ id, input, passphrase, kid }) => keys.importKey(id, { input, ...(passphrase && { passphrase }), ...(kid && { kid }) }),
    publicKeys: async ({ id, format, kid }) => ({ text: publicText(id, format, kid) }),
    copyPublicKeys: async ({ id, format, kid }) => {
      await desktop.writeClipboard(publicText(id, format, kid));
      return { copied: true };
    },
    savePublicKeys: async ({ id, format, kid }) => {
      const jwks = format === 'jwks';
      const path = await desktop.chooseSavePath({
        title: jwks ? 'Save the public JWKS' : 'Save the public key (PEM)',
        defaultName: jwks ? 'jwks.json' : `${id}-public-key.pem`,
        filters: [jwks ? { name: 'JSON', extensions: ['json'] } : { name: 'PEM', extensions: ['pem'] }],
      });
      if (path === undefined) return { saved: false };
      await saveTextFile(path, publicText(id, format, kid), 0o644);
      return { saved: true, path };
    },
    exportPrivateKey: async ({ id, kid, format, passphrase, unlockPassphrase }) => {
      // Encrypt first: a weak passphrase or a locked keychain fails before the user picks a file.
      const text = await keys.exportPrivate(id, kid, format, passphrase, unlockPassphrase ? { passphrase: unlockPassphrase } : undefined);
      const pem = format === 'pkcs8-encrypted-pem';
      const path = await desktop.chooseSavePath({
        title: 'Save the encrypted private key',
        defaultName: `${id}-private-key${pem ? '.p8.pem' : '.jwe'}`,
        filters: [pem ? { name: 'Encrypted PKCS#8 PEM', extensions: ['pem'] } : { name: 'JWE', extensions: ['jwe'] }],
      });
      if (path === undefined) return { saved: false };
      await saveTextFile(path, text, 0o600);
      return { saved: true, path };
    },
    ratePassphrase: async ({ passphrase }) => ratePassphrase(passphrase),
    rotateKeys: async ({ id }) => {
      const { action, record } = await keys.rotate(id);
      return { action, record };
    },
    retireKey: async ({ id, kid }) => keys.retire(id, kid),
    deleteKey: async ({ id, kid }) => keys.remove(id, kid, true),

    runCheck: async ({ runId, url, registrationId, expectText, caPem, allowPrivateNetwork, timeoutMs }, context) => {
      const { report, summary } = await checks.run({
        ...(url && { url }),
        ...(allowPrivateNetwork && { allowPrivateNetwork }),
        ...(registrationId && { registrationId }),
        ...(expectText && { expectText }),
        ...(caPem && { caPem }),
        ...(timeoutMs && { timeoutMs }),
        ...(context.signal && { signal: context.signal }),
        onCheck: (check) => context.emit('checks:progress', { runId, check }),
      });
      return { report, markdown: toMarkdown(report), ...(summary && { summary }) };
    },
    checkEndpoint: async ({ url, purpose }, context) => ({
      report: await checkEndpoint({
        url,
        fetcher: services.ports.fetcher,
        clock: services.ports.clock,
        ...(purpose && { purpose }),
        ...(context.signal && { signal: context.signal }),
      }),
    }),
    checkHistory: async ({ id }) => checks.history(id),
    checkReport: async ({ id, reportId }) => {
      const report = await checks.report(id, reportId);
      return { report, markdown: toMarkdown(report) };
    },
    compareChecks: async ({ id, before, after }) => {
      const { diff, markdown } = await checks.compare(id, before, after);
      return { ...diff, markdown };
    },
    previewPackage: async ({ id }) => services.packages.preview(id),
    getChecklist: async ({ id }) => services.checklist.view(id),
    tickChecklistItem: async ({ id, itemId, done }) => services.checklist.tick(id, itemId, done),
    compareRegistrations: async ({ a, b }) => compareRegistrations(drafts.record(a), drafts.record(b)),
    requestHostedJwks: async ({ id, appId }) => {
      // Refuse before asking where to save: a bad application id, key or environment shows at once.
      const built = keys.hostingRequest(id, appId);
      const summary = { request: { kid: built.request.kid, environment: built.request.environment, app_id: built.request.app_id }, publicKeyUrl: built.publicKeyUrl, ...(built.expiry && { expiry: built.expiry }), warnings: built.warnings };
      const folder = await desktop.chooseSavePath({ title: 'Save the NHS-hosted JWKS request (a folder of four files)', defaultName: `${id}-nhs-jwks-request`, filters: [] });
      if (folder === undefined) return { saved: false, files: [], ...summary };
      const files = await writeHostingRequest(folder, built);
      return { saved: true, path: folder, files, ...summary };
    },
    buildPackage: async ({ id, offline, caPem, acknowledgeFindings, unlockPassphrase }) => {
      // Refuse before asking where to save: blocking findings (without an acknowledgement) and a missing key show at once.
      await services.packages.readyToBuild(id, { ...(acknowledgeFindings && { acknowledgeFindings }) });
      const path = await desktop.chooseSavePath({
        title: 'Save the registration package',
        defaultName: `${id}-registration-request.zip`,
        filters: [{ name: 'Registration package', extensions: ['zip'] }],
      });
      if (path === undefined) return { saved: false };
      const built = await services.packages.build(id, {
        out: path,
        ...(offline && { offline }),
        ...(caPem && { caPem }),
        ...(acknowledgeFindings && { acknowledgeFindings }),
        ...(unlockPassphrase && { unlock: { passphrase: unlockPassphrase } }),
      });
      return { saved: true, path: built.path, sha256: built.sha256, bytes: built.bytes, sendTo: built.sendTo };
    },
    verifyPackage: async ({ base64, offline, caPem, allowPrivateNetwork }) => {
      const verification = await verifyPackage(new Uint8Array(Buffer.from(base64, 'base64')), {
        clock: services.ports.clock,
        fetcher: services.ports.fetcher,
        ...(allowPrivateNetwork && { allowPrivateNetwork }),
        ...(offline && { offline }),
        ...(caPem && { caPem }),
      });
      return { ...verification, ...(verification.manifest && { manifest: verification.manifest as Record<string, unknown> }), markdown: verificationToMarkdown(verification) };
    },
    showCredentials: async ({ id }) => credentials.show(id),
    saveCredentials: async ({ id, clientId, secret, applicationId, kid, notes, receivedAt, replace }) => {
      const input = {
        clientId,
        // An empty field is no secret: where the provider issues none, the form has no secret field at all.
        ...(secret !== undefined && secret !== '' && { secret }),
        ...(applicationId !== undefined && { applicationId }),
        ...(kid !== undefined && { kid }),
        ...(notes !== undefined && { notes }),
        ...(receivedAt && { receivedAt }),
      };
      return replace ? credentials.replace(id, input, { confirm: true }) : credentials.save(id, input);
    },
    revealCredentialSecret: async ({ id }) => ({ secret: await credentials.reveal(id) }),
    copyCredentialSecret: async ({ id }) => {
      const seconds = clearSeconds();
      await desktop.writeClipboard(await credentials.reveal(id), seconds * 1000);
      return { copied: true, clearAfterSeconds: seconds };
    },
    deleteCredentials: async ({ id }) => credentials.delete(id, { confirm: true }),
    createAssertion: async ({ id, audience, clientId, unlockPassphrase }) =>
      credentials.assertion(id, { ...(audience && { audience }), ...(clientId && { clientId }), ...(unlockPassphrase && { unlock: { passphrase: unlockPassphrase } }) }),
    probeTokenEndpoint: async ({ id, audience, clientId, unlockPassphrase, caPem, allowPrivateNetwork }, context) =>
      credentials.probe(id, {
        ...(audience && { audience }),
        ...(clientId && { clientId }),
        ...(unlockPassphrase && { unlock: { passphrase: unlockPassphrase } }),
        ...(caPem && { caPem }),
        ...(allowPrivateNetwork && { allowPrivateNetwork }),
        ...(context.signal && { signal: context.signal }),
      }),
    copyText: async ({ text, sensitive }) => {
      if (!sensitive) {
        await desktop.writeClipboard(text);
        return { copied: true };
      }
      const seconds = clearSeconds();
      await desktop.writeClipboard(text, seconds * 1000);
      return { copied: true, clearAfterSeconds: seconds };
    },
    // An empty request only reads: that must work on a read-only settings file and never rewrite it.
    preferences: async (changes) => services.preferences.set(changes),
    saveDiagnostics: async () => {
      const path = await desktop.chooseSavePath({
        title: 'Save a diagnostics bundle for support',
        defaultName: `oidc-onboard-diagnostics-${services.ports.clock.now().toISOString().slice(0, 10)}.zip`,
        filters: [{ name: 'Zip archive', extensions: ['zip'] }],
      });
      if (path === undefined) return { saved: false };
      const result = await services.diagnostics(path);
      return { saved: true, path: result.path, sha256: result.sha256, entries: result.entries };
    },
    saveSupportPack: async ({ id, applicationId }) => {
      // Refuse an unknown registration before asking where to save.
      drafts.get(id);
      const path = await desktop.chooseSavePath({
        title: 'Save the support pack',
        defaultName: `${id}-support-pack-${services.ports.clock.now().toISOString().slice(0, 10)}.zip`,
        filters: [{ name: 'Zip archive', extensions: ['zip'] }],
      });
      if (path === undefined) return { saved: false };
      const result = await services.supportPack(id, path, { ...(applicationId && { applicationId }) });
      return { saved: true, path: result.path, sha256: result.sha256, bytes: result.bytes, entries: result.entries, assertionSource: result.assertionSource };
    },
    saveCheckReport: async ({ report, format }) => {
      const extension = format === 'markdown' ? 'md' : format;
      const path = await desktop.chooseSavePath({
        title: 'Save the jwks_uri check report',
        defaultName: `jwks-check-${report.startedAt.slice(0, 10)}.${extension}`,
        filters: [{ name: format.toUpperCase(), extensions: [extension] }],
      });
      if (path === undefined) return { saved: false };
      const text = format === 'html' ? toHtml(report) : format === 'markdown' ? toMarkdown(report) : JSON.stringify(report, null, 2);
      await saveTextFile(path, text, 0o644);
      return { saved: true, path };
    },
  };
}
