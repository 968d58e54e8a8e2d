/**
 * The IPC contract: every operation and event, once. `electron/ipc.ts` registers a handler
 * per operation, `electron/preload.ts` exposes a bridge method per operation, and a test
 * proves both are complete.
 */
import * as app from './operations/app';
import * as registrations from './operations/registrations';
import * as keys from './operations/keys';
import * as checks from './operations/checks';
import * as credentials from './operations/credentials';
import * as packages from './operations/packages';
import * as steps from './operations/steps';
import * as support from './operations/support';


/** Every request/response operation, keyed by its bridge method name. */
export const operations = {
  appInfo: app.appInfo,
  openExternal: app.openExternal,
  listProfiles: registrations.listProfiles,
  listRegistrations: registrations.listRegistrations,
  createRegistration: registrations.createRegistration,
  getRegistration: registrations.getRegistration,
  updateRegistration: registrations.updateRegistration,
  copyRegistration: registrations.copyRegistration,
  deleteRegistration: registrations.deleteRegistration,
  discoverProvider: registrations.discoverProvider,
  forgetDiscovery: registrations.forgetDiscovery,
  settingsNotices: registrations.settingsNotices,
  listKeys: keys.listKeys,
  generateKey: keys.generateKey,
  importKey: keys.importKey,
  publicKeys: keys.publicKeys,
  copyPublicKeys: keys.copyPublicKeys,
  savePublicKeys: keys.savePublicKeys,
  exportPrivateKey: keys.exportPrivateKey,
  ratePassphrase: keys.ratePassphrase,
  rotateKeys: keys.rotateKeys,
  retireKey: keys.retireKey,
  deleteKey: keys.deleteKey,
  runCheck: checks.runCheck,
  checkEndpoint: checks.checkEndpoint,
  checkHistory: checks.checkHistory,
  checkReport: checks.checkReport,
  compareChecks: checks.compareChecks,
  saveCheckReport: checks.saveCheckReport,
  previewPackage: packages.previewPackage,
  buildPackage: packages.buildPackage,
  verifyPackage: packages.verifyPackage,
  getChecklist: steps.getChecklist,
  tickChecklistItem: steps.tickChecklistItem,
  requestHostedJwks: steps.requestHostedJwks,
  compareRegistrations: steps.compareRegistrations,
  showCredentials: credentials.showCredentials,
  saveCredentials: credentials.saveCredentials,
  revealCredentialSecret: credentials.revealCredentialSecret,
  copyCredentialSecret: credentials.copyCredentialSecret,
  deleteCredentials: credentials.deleteCredentials,
  createAssertion: credentials.createAssertion,
  probeTokenEndpoint: credentials.probeTokenEndpoint,
  copyText: credentials.copyText,
  preferences: credentials.preferences,
  saveDiagnostics: credentials.saveDiagnostics,
  saveSupportPack: support.saveSupportPack,
} as const;

/** Every main→renderer event, keyed by name (bridge method `on<Name>`). */
export const events = {
  keyProgress: keys.keyProgress,
  checkProgress: checks.checkProgress,
  registrationsChanged: registrations.registrationsChanged,
} as const;

/** The operations map type. */
export type Operations = typeof operations;
/** The events map type. */
export type Events = typeof events;
/** A bridge method name. */
export type OperationName = keyof Operations;
/** An event name. */
export type EventName = keyof Events;

