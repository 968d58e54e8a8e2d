import { expect, test } from 'vitest';
import * as https from 'node:https';
import * as tls from 'node:tls';
import { getTestPki, LOCAL_HOSTS } from '/work/main/test/support/test-pki';
import { json, startHttpsServer } from '/work/main/test/support/hostile-server';
function get(url: string, agent: https.Agent, extra: https.RequestOptions = {}): Promise<boolean> {
  return new Promise((res, rej) => { const r = https.get(url, { agent, ...extra }, (m) => { m.resume(); m.on('end', () => res(r.reusedSocket)); }); r.on('error', rej); });
}
test('reuse', async () => {
  const pki = await getTestPki();
  const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
  const server = await startHttpsServer({ cert: leaf.chainPem, key: leaf.keyPem, handler: json({ a: 1 }) });
  const a1 = new https.Agent({ keepAlive: true, ca: [pki.caCertPem] });
  console.log('plain', await get(server.url('/'), a1), await get(server.url('/'), a1), server.connectionCount);
  const a2 = new https.Agent({ keepAlive: true, secureContext: tls.createSecureContext({ ca: [pki.caCertPem] }) });
  console.log('ctx', await get(server.url('/'), a2), await get(server.url('/'), a2), server.connectionCount);
  const look = (h: string, o: any, cb: any) => process.nextTick(() => o.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4));
  console.log('lookup', await get(server.url('/'), a1, { lookup: look as any }), await get(server.url('/'), a1, { lookup: look as any }), server.connectionCount);
  console.log('csi', await get(server.url('/'), a1, { checkServerIdentity: tls.checkServerIdentity }), await get(server.url('/'), a1, { checkServerIdentity: tls.checkServerIdentity }), server.connectionCount);
  await server.close();
  expect(1).toBe(1);
});
