// The layered trust store: the first layer is the bundled roots and the --ca ones; the widened layer adds
// the operating-system store once, keeps each root once, and still describes what each source held.
import { describe, expect, it } from 'vitest';
import * as tls from 'node:tls';
import { layeredTrust } from '../../../core/net/trust-store';
import { getTestPki } from '../../support/test-pki';

const key = (pem: string) => pem.replace(/\s+/g, '');
const systemReadable = typeof (tls as { getCACertificates?: unknown }).getCACertificates === 'function';

describe('layeredTrust', () => {
  it('tries the bundled roots and the extra CA first, without the operating-system store', async () => {
    const { caCertPem } = await getTestPki();
    const trust = layeredTrust([caCertPem]);
    const first = trust.first();
    expect(first.ca.map(key)).toContain(key(caCertPem));
    expect(first.info.sources).toEqual(['bundled', 'extra-file']);
    expect(first.info.description).toMatch(/^Node bundled Mozilla roots \(\d+\) \+ extra CA file \(1 certificate\)$/);
    expect(trust.first()).toBe(first);
  });

  it.runIf(systemReadable)('widens with the operating-system store once, each certificate kept once, the extra CA included', async () => {
    const { caCertPem } = await getTestPki();
    const trust = layeredTrust([caCertPem, caCertPem]);
    const widened = trust.widened();
    // Where the OS store adds nothing beyond Mozilla's roots there is no second layer to try.
    if (widened === undefined) return;
    const keys = widened.ca.map(key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain(key(caCertPem));
    expect(widened.info.sources).toEqual(['bundled', 'system', 'extra-file']);
    expect(widened.info.description).toMatch(/^Node bundled Mozilla roots \(\d+\) \+ operating-system trust store \(\d+\) \+ extra CA file \(2 certificates\)$/);
    expect(trust.widened()).toBe(widened);
  });

  it('describes both layers without reading the operating-system store, and leaves it out when switched off', () => {
    expect(layeredTrust().info()).toEqual(
      systemReadable
        ? { sources: ['bundled', 'system'], description: expect.stringMatching(/^Node bundled Mozilla roots \(\d+\), then the operating-system trust store for a chain those do not verify$/) }
        : { sources: ['bundled'], description: expect.stringMatching(/^Node bundled Mozilla roots/) },
    );
    const off = layeredTrust([], false);
    expect(off.info().sources).toEqual(['bundled']);
    expect(off.widened()).toBeUndefined();
  });
});
