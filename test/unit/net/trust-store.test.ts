// The trust store keeps each root once (the OS store repeats Mozilla's), adds the --ca ones, and
// still describes what each source held.
import { describe, expect, it } from 'vitest';
import { buildTrustStore } from '../../../core/net/trust-store';
import { getTestPki } from '../../support/test-pki';

describe('buildTrustStore', () => {
  it('holds no certificate twice, includes an extra CA given twice once, and counts the sources as read', async () => {
    const { caCertPem } = await getTestPki();
    const store = buildTrustStore([caCertPem, caCertPem]);
    const keys = store.ca.map((pem) => pem.replace(/\s+/g, ''));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain(caCertPem.trim().replace(/\s+/g, ''));
    expect(store.info.description).toMatch(/^Node bundled Mozilla roots \(\d+\)/);
    expect(store.info.description).toContain('extra CA file (2 certificates)');
  });
});
