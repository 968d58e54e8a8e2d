import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../electron/app-path';
import { createSenderGate, type SenderInfo } from '../../../electron/trusted-sender';

const MAIN_ID = 7;
const good: SenderInfo = { webContentsId: MAIN_ID, frameUrl: 'app://oidc-onboard/index.html', isMainFrame: true };

describe('sender gate (production: app origin only)', () => {
  const gate = createSenderGate({ trustedIds: () => new Set([MAIN_ID]), allowedOrigins: [APP_ORIGIN] });

  it('accepts the main frame of the main window on the app origin', () => {
    expect(gate(good)).toBe(true);
    expect(gate({ ...good, frameUrl: 'app://oidc-onboard/#/keys' })).toBe(true);
  });

  it.each<[string, Partial<SenderInfo>]>([
    ['a different webContents', { webContentsId: 8 }],
    ['a subframe of the main window', { isMainFrame: false }],
    ['another custom-scheme host', { frameUrl: 'app://evil/index.html' }],
    ['a look-alike host', { frameUrl: 'app://oidc-onboard.evil/index.html' }],
    ['https origin', { frameUrl: 'https://oidc-onboard/index.html' }],
    ['file: page', { frameUrl: 'file:///tmp/index.html' }],
    ['data: page', { frameUrl: 'data:text/html,<p>hi</p>' }],
    ['about:blank', { frameUrl: 'about:blank' }],
    ['an empty URL (frame gone)', { frameUrl: '' }],
    ['the dev server when not in development', { frameUrl: 'http://localhost:5173/' }],
  ])('refuses %s', (_name, change) => {
    expect(gate({ ...good, ...change })).toBe(false);
  });

  it('follows the live set of trusted ids (a closed window is no longer trusted)', () => {
    const ids = new Set([MAIN_ID]);
    const live = createSenderGate({ trustedIds: () => ids, allowedOrigins: [APP_ORIGIN] });
    expect(live(good)).toBe(true);
    ids.delete(MAIN_ID);
    expect(live(good)).toBe(false);
  });
});

describe('sender gate (development: app origin + dev server)', () => {
  const gate = createSenderGate({ trustedIds: () => new Set([MAIN_ID]), allowedOrigins: [APP_ORIGIN, 'http://localhost:5173'] });

  it('accepts the dev server origin', () => {
    expect(gate({ ...good, frameUrl: 'http://localhost:5173/index.html' })).toBe(true);
  });

  it.each(['http://localhost:5174/', 'https://localhost:5173/', 'http://127.0.0.1:5173/', 'http://localhost.evil:5173/'])('refuses %s', (frameUrl) => {
    expect(gate({ ...good, frameUrl })).toBe(false);
  });

  it('still refuses subframes and other windows on the dev origin', () => {
    expect(gate({ ...good, frameUrl: 'http://localhost:5173/', isMainFrame: false })).toBe(false);
    expect(gate({ ...good, frameUrl: 'http://localhost:5173/', webContentsId: 99 })).toBe(false);
  });
});
