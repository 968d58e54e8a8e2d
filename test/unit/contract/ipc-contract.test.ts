// The contract is complete (every operation has a handler and a bridge method) and the router
// enforces sender, input and error rules — exercised on the real router and real services.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridgeMethodNames, createBridge, events, operations, subscriptionName, type BridgeTransport } from '../../../contract';
import { createHandlers } from '../../../electron/handlers';
import { createIpcRouter } from '../../../electron/ipc-router';
import type { SenderInfo } from '../../../electron/trusted-sender';
import type { Logger } from '../../../core/ports';
import { createTestBackend, TRUSTED_WEB_CONTENTS_ID, type TestBackend } from '../../support/backend';

const trusted: SenderInfo = { webContentsId: TRUSTED_WEB_CONTENTS_ID, frameUrl: 'app://oidc-onboard/index.html', isMainFrame: true };
const noop = { emit: () => {} };
let backend: TestBackend;

beforeAll(async () => {
  backend = await createTestBackend();
});
afterAll(async () => {
  await backend.close();
});

describe('IPC contract', () => {
  it('has unique domain:verb channels', () => {
    const channels = [...Object.values(operations), ...Object.values(events)].map((entry) => entry.channel);
    expect(new Set(channels).size).toBe(channels.length);
    for (const channel of channels) expect(channel).toMatch(/^[a-z]+(-[a-z]+)*:[a-z]+(-[a-z]+)*$/);
  });

  it('has a handler for every operation and no handler without one', () => {
    const handlers = createHandlers(backend.services, { openExternal: async () => {}, chooseSavePath: async () => undefined, writeClipboard: async () => {} });
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(operations).sort());
    expect(backend.router.channels.slice().sort()).toEqual(Object.values(operations).map((op) => op.channel).sort());
  });

  it('exposes exactly one bridge method per operation and event, and nothing generic', () => {
    const calls: [string, unknown][] = [];
    const transport: BridgeTransport = { invoke: async (channel, payload) => (calls.push([channel, payload]), { ok: true, value: null }), subscribe: () => () => {} };
    const bridge = createBridge(transport);
    expect(Object.keys(bridge).sort()).toEqual(bridgeMethodNames());
    expect(bridgeMethodNames()).toEqual([...Object.keys(operations), ...Object.keys(events).map(subscriptionName)].sort());
    expect(bridge).not.toHaveProperty('invoke');
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('routes a bridge call to the real service', async () => {
    const bridge = createBridge({
      invoke: (channel, payload) => backend.router.dispatch(channel, payload, trusted, noop),
      subscribe: () => () => {},
    });
    const result = await bridge.appInfo();
    expect(result).toMatchObject({ ok: true, value: { dataDir: backend.dataDir, productName: 'OIDC Onboard' } });
  });

  it.each<[string, SenderInfo]>([
    ['another webContents', { ...trusted, webContentsId: 99 }],
    ['a subframe', { ...trusted, isMainFrame: false }],
    ['another origin', { ...trusted, frameUrl: 'https://evil.example/' }],
    ['a look-alike app origin', { ...trusted, frameUrl: 'app://oidc-onboard.evil/index.html' }],
    ['an unparseable URL', { ...trusted, frameUrl: 'not a url' }],
  ])('refuses %s with IPC_UNTRUSTED_SENDER', async (_name, sender) => {
    const result = await backend.router.dispatch('app:info', {}, sender, noop);
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'IPC_UNTRUSTED_SENDER' }) });
  });

  it('answers an invalid payload with IPC_INVALID_INPUT and the failing path', async () => {
    const result = await backend.router.dispatch('registrations:get', { id: 5 }, trusted, noop);
    expect(result).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_INPUT', details: { issues: [expect.objectContaining({ path: 'id' })] } } });
    const extra = await backend.router.dispatch('app:info', { sneaky: true }, trusted, noop);
    expect(extra).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_INPUT' } });
  });

  it('answers an unknown channel with IPC_UNKNOWN_OPERATION', async () => {
    expect(await backend.router.dispatch('keys:steal', {}, trusted, noop)).toMatchObject({ ok: false, error: { code: 'IPC_UNKNOWN_OPERATION' } });
  });

  it('passes AppErrors through and turns anything else into INTERNAL, logged without secrets', async () => {
    const logged: string[] = [];
    const logger: Logger = { debug() {}, info() {}, warn() {}, error: (message, fields) => void logged.push(message + JSON.stringify(fields)) };
    const handlers = createHandlers(backend.services, { openExternal: async () => {}, chooseSavePath: async () => undefined, writeClipboard: async () => {} });
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----';
    const router = createIpcRouter({
      handlers: { ...handlers, appInfo: async () => { throw new Error(`boom ${pem}`); } },
      isTrustedSender: () => true,
      logger,
    });
    const internal = await router.dispatch('app:info', {}, trusted, noop);
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(internal)).not.toContain('boom');
    expect(logged.join('\n')).toContain('boom');
    expect(logged.join('\n')).not.toContain('MIIEvQIBADANBg');
    const notFound = await router.dispatch('registrations:get', { id: 'nope' }, trusted, noop);
    expect(notFound).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('opens only allow-listed links', async () => {
    const ok = await backend.router.dispatch('app:open-external', { url: 'https://www.rfc-editor.org/rfc/rfc7591' }, trusted, noop);
    expect(ok).toEqual({ ok: true, value: { opened: true } });
    const refused = await backend.router.dispatch('app:open-external', { url: 'file:///etc/passwd' }, trusted, noop);
    expect(refused).toMatchObject({ ok: false, error: { code: 'NETWORK_URL_REFUSED' } });
    expect(backend.openedLinks).toEqual(['https://www.rfc-editor.org/rfc/rfc7591']);
  });
});
