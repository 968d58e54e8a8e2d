import { afterAll, expect, test } from 'vitest';
import { createFetcher } from '../../../core/net/fetcher';
import { getTestPki, LOCAL_HOSTS } from '../../support/test-pki';
import { json, startHttpsServer, type TestServer } from '../../support/hostile-server';

const servers: TestServer[] = [];
afterAll(async () => { for (const s of servers) await s.close(); });

test('smoke', async () => {
  const pki = await getTestPki();
  const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
  const server = await startHttpsServer({ cert: leaf.chainPem, key: leaf.keyPem, handler: json({ a: 1 }) });
  servers.push(server);
  const f = createFetcher({ extraCaPem: [pki.caCertPem] });
  const r = await f.fetch(server.url('/x'));
  console.log(JSON.stringify(r, null, 1), r.text());
  const r2 = await f.fetch(server.url('/x'));
  console.log(JSON.stringify(r2.timings), server.connectionCount);
  const exp = await startHttpsServer({ cert: (await pki.expiredLeaf()).chainPem, key: (await pki.expiredLeaf()).keyPem, handler: json({}) });
  servers.push(exp);
  const e = await f.fetch(exp.url('/')).catch((e) => e);
  console.log(e.code, JSON.stringify(e.details, null, 1));
  const wl = await pki.wrongHostLeaf();
  const wrong = await startHttpsServer({ cert: wl.chainPem, key: wl.keyPem, handler: json({}) });
  servers.push(wrong);
  const e2 = await f.fetch(wrong.url('/')).catch((e) => e);
  console.log(e2.code, JSON.stringify(e2.details, null, 1));
  f.close();
  expect(r.status).toBe(200);
});
