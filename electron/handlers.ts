/**
 * One handler per contract operation, each a thin call into core services. Free of Electron:
 * desktop-only abilities (opening links) arrive as ports, so the UI tests run this very file.
 */
import { AppError } from '../contract/errors';
import type { AppServices } from '../core/app/services';
import { profileSummary, registrationDetail, registrationSummary } from '../core/app/views';
import { listProfiles } from '../core/profiles';
import type { Handlers } from './ipc-router';
import { isAllowedExternalUrl } from './external-links';

/** What the desktop shell provides beyond core services. */
export interface DesktopPorts {
  /** Opens an https URL in the system browser (already allow-listed by the handler). */
  openExternal(url: string): Promise<void>;
}

/** Builds the handler table; TypeScript refuses a missing operation. */
export function createHandlers(services: AppServices, desktop: DesktopPorts): Handlers {
  const { drafts } = services;
  return {
    appInfo: () => services.appInfo(),
    openExternal: async ({ url }) => {
      if (!isAllowedExternalUrl(url)) throw new AppError('NETWORK_URL_REFUSED', 'Only https links to the documentation sites the app cites can be opened.', { details: { url: url.slice(0, 200) } });
      await desktop.openExternal(url);
      return { opened: true };
    },
    listProfiles: async () => listProfiles().map(profileSummary),
    listRegistrations: async () => drafts.list().map(registrationSummary),
    createRegistration: async (request) => registrationDetail(drafts.create(request)),
    getRegistration: async ({ id }) => registrationDetail(drafts.get(id)),
    updateRegistration: async ({ id, ...patch }) => registrationDetail(drafts.update(id, patch)),
    copyRegistration: async ({ id, environment }) => registrationDetail(drafts.copyToEnvironment(id, environment)),
    deleteRegistration: async ({ id }) => ({ deleted: drafts.remove(id) }),
    settingsNotices: async () => [...services.store.notices],
  };
}
