// The network policy end to end, with the real binary inside Linux network namespaces
// (`unshare -n`, root), so "no connection attempt" is observable:
//
// - With no network at all (even `lo` down), any connect fails with ENETUNREACH. verify-package
//   on a package whose jwks_uri is private (10.0.0.1) or link-local (169.254.169.254) must report
//   the policy refusal — not a network error — and `--allow-private-network` must lift only the
//   private refusal (then the namespace shows the attempt: ENETUNREACH).
// - A namespace whose `lo` also carries a public address (93.184.215.14) serves a "public" jwks_uri
//   that redirects into private space (10.0.0.1, 127.0.0.1) or link-local: check-jwks refuses the
//   redirect before connecting; the loopback server logs every connection it accepts.
//
// Skipped where namespaces are not available (not Linux, not root).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JwksCheckReport } from '../../contract/schemas/jwks-check';
import { getTestPki } from '../support/test-pki';
import { createWorld, type World } from '../unit/package/service-helpers';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/oidc-onboard.js');
const PATH = `${process.env.PATH ?? ''}:/usr/sbin:/sbin`;
const PUBLIC_IP = '93.184.215.14';

function namespacesWork(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    execFileSync('unshare', ['-n', 'true'], { stdio: 'ignore' });
    execFileSync('nsenter', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

let dir: string;
const env = () => ({ OIDC_ONBOARD_DATA_DIR: path.join(dir, 'data') });
/** The CLI in a fresh namespace with no network: not even loopback is up. */
const isolated = (...args: string[]) => run('unshare', ['-n', process.execPath, bin, ...args], env());

interface StepLike {
  id: string;
  status: string;
  message: string;
}
const step = (out: Run, id: string): StepLike => {
  const found = (JSON.parse(out.stdout) as { steps: StepLike[] }).steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id} in ${out.stdout}`);
  return found;
};
const check = (out: Run, id: string) => {
  const found = (JSON.parse(out.stdout) as JwksCheckReport).checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
};
/** What a connection attempt looks like in these namespaces. */
const ATTEMPT = /ENETUNREACH|NETWORK_CONNECT|EHOSTUNREACH|ECONNREFUSED/;

describe.runIf(namespacesWork())('network policy in a network namespace', { timeout: 180_000 }, () => {
  let world: World;
  const packages: Record<'private' | 'linkLocal', string> = { private: '', linkLocal: '' };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'oidc-netns-'));
    world = await createWorld(new Date().toISOString());
    const make = async (name: keyof typeof packages, jwksUri: string) => {
      const id = world.services.drafts.create({ provider: 'generic-oidc', environment: 'default', clientName: `Policy ${name}` }).registration.id;
      await world.services.keys.generate(id, { size: 2048 });
      world.services.drafts.setValues(id, { jwksUri, addRedirectUris: ['https://app.example.org/callback'] });
      const built = await world.packages.build(id, { out: path.join(dir, `${name}.zip`), offline: true, acknowledgeFindings: 'policy test: the jwks_uri is deliberately not public' });
      packages[name] = built.path;
    };
    await make('private', 'https://10.0.0.1:8443/jwks.json');
    await make('linkLocal', 'https://169.254.169.254/latest/meta-data/jwks.json');
  }, 120_000);

  afterAll(async () => {
    await world?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('verify-package: a private jwks_uri is refused before connecting and reported; --allow-private-network lifts it (the attempt then shows)', async () => {
    const refused = await isolated('verify-package', packages.private, '--json');
    expect(refused.code, refused.stderr).toBe(1);
    const live = step(refused, 'live.signature');
    expect(live.status).toBe('fail');
    expect(live.message).toMatch(/Refused before connecting: 10\.0\.0\.1 is a private network address, and the URL comes from the package being verified/);
    expect(live.message).toMatch(/--allow-private-network/);
    expect(step(refused, 'live.check')).toMatchObject({ status: 'skip', message: expect.stringMatching(/network policy/) });
    expect(refused.stdout).not.toMatch(ATTEMPT);
    const report = JSON.parse(refused.stdout) as { intact: { status: string }; live: { status: string; message: string } };
    expect(report.intact.status).toBe('pass');
    expect(report.live).toMatchObject({ status: 'fail', message: expect.stringMatching(/refused by the network policy before connecting/) });

    const human = await isolated('verify-package', packages.private);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('Refused before connecting');

    const allowed = await isolated('verify-package', packages.private, '--allow-private-network', '--json');
    expect(allowed.code).toBe(1);
    expect(step(allowed, 'live.signature').message).toMatch(ATTEMPT);
    expect(step(allowed, 'live.signature').message).not.toMatch(/Refused before connecting/);
  });

  it('verify-package: a link-local jwks_uri is refused before connecting, even with --allow-private-network', async () => {
    for (const extra of [[], ['--allow-private-network']]) {
      const out = await isolated('verify-package', packages.linkLocal, ...extra, '--json');
      expect(out.code, out.stderr).toBe(1);
      expect(step(out, 'live.signature').message).toMatch(/Refused before connecting: 169\.254\.169\.254 is a link-local .* never fetched/);
      expect(out.stdout).not.toMatch(ATTEMPT);
    }
  });

  it('check-jwks: a link-local URL is refused before connecting, typed and with --allow-private-network', async () => {
    for (const extra of [[], ['--allow-private-network']]) {
      const out = await isolated('check-jwks', 'https://169.254.169.254/latest/meta-data/', ...extra, '--json');
      expect(out.code, out.stderr).toBe(1);
      expect(check(out, 'dns.public')).toMatchObject({ status: 'fail', message: expect.stringMatching(/Refused before connecting: .*link-local.*never fetched/) });
      expect(check(out, 'http.reachable').status).toBe('skip');
      expect(out.stdout).not.toMatch(ATTEMPT);
    }
  });

  describe('a public address redirecting into private space', () => {
    let server: ChildProcess | undefined;
    let connections: string[] = [];
    let caFile: string;
    const inServerNamespace = (...args: string[]) => run('nsenter', ['-t', String(server!.pid), '-n', process.execPath, bin, ...args], env());

    beforeAll(async () => {
      const pki = await getTestPki();
      const leaf = await pki.issueLeaf({ hosts: [PUBLIC_IP, '127.0.0.1'] });
      caFile = path.join(dir, 'ca.pem');
      await writeFile(caFile, pki.caCertPem);
      await writeFile(path.join(dir, 'leaf.pem'), leaf.chainPem);
      await writeFile(path.join(dir, 'leaf.key'), leaf.keyPem);
      const jwks = JSON.stringify({ keys: [] });
      // The servers live inside the namespace: a "public" host and a loopback one that logs each connection.
      const script = path.join(dir, 'servers.mjs');
      await writeFile(
        script,
        `import https from 'node:https';
import { readFileSync } from 'node:fs';
const tls = { cert: readFileSync(${JSON.stringify(path.join(dir, 'leaf.pem'))}), key: readFileSync(${JSON.stringify(path.join(dir, 'leaf.key'))}) };
const jwks = ${JSON.stringify(jwks)};
const local = https.createServer(tls, (req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(jwks); });
local.on('connection', () => console.log('CONNECTION 127.0.0.1'));
local.listen(9443, '127.0.0.1', () => {
  const targets = { '/to-private': 'https://10.0.0.1/jwks.json', '/to-loopback': 'https://127.0.0.1:9443/jwks.json', '/to-metadata': 'https://169.254.169.254/latest/meta-data/' };
  const pub = https.createServer(tls, (req, res) => {
    const to = targets[req.url];
    if (to) res.writeHead(302, { location: to }).end();
    else res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
  });
  pub.listen(8443, ${JSON.stringify(PUBLIC_IP)}, () => console.log('READY'));
});
`,
      );
      server = spawn('unshare', ['-n', 'sh', '-c', `ip link set lo up && ip addr add ${PUBLIC_IP}/32 dev lo && exec "$0" "$1"`, process.execPath, script], {
        env: { ...process.env, PATH },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('exit', (code) => reject(new Error(`the namespace servers exited (${code})`)));
        server!.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
          for (const line of chunk.split('\n')) {
            if (line === 'READY') resolve();
            else if (line.startsWith('CONNECTION')) connections.push(line);
          }
        });
      });
    }, 60_000);

    afterAll(() => {
      server?.kill('SIGKILL');
    });

    it('the public host itself is fetched (the namespace works)', async () => {
      const out = await inServerNamespace('check-jwks', `https://${PUBLIC_IP}:8443/jwks.json`, '--ca', caFile, '--json');
      expect(check(out, 'dns.public').status, out.stdout).toBe('pass');
      expect(check(out, 'http.status').status).toBe('pass');
    });

    it('a redirect into 10/8 or onto loopback is refused before connecting; --allow-private-network lifts it; into link-local never', async () => {
      connections = [];
      const toPrivate = await inServerNamespace('check-jwks', `https://${PUBLIC_IP}:8443/to-private`, '--ca', caFile, '--json');
      expect(toPrivate.code).toBe(1);
      expect(check(toPrivate, 'http.redirect')).toMatchObject({ status: 'fail', message: expect.stringMatching(/refused before connecting/i) });
      expect(check(toPrivate, 'dns.public').message).toMatch(/10\.0\.0\.1 is a private network address, and the URL comes from a redirect from https:\/\/93\.184\.215\.14:8443\/to-private/);
      expect(toPrivate.stdout).not.toMatch(ATTEMPT);

      const toLoopback = await inServerNamespace('check-jwks', `https://${PUBLIC_IP}:8443/to-loopback`, '--ca', caFile, '--json');
      expect(toLoopback.code).toBe(1);
      expect(check(toLoopback, 'dns.public').message).toMatch(/127\.0\.0\.1 is a loopback/);
      expect(connections, 'the loopback server saw no connection').toEqual([]);

      const allowed = await inServerNamespace('check-jwks', `https://${PUBLIC_IP}:8443/to-loopback`, '--ca', caFile, '--allow-private-network', '--json');
      expect(check(allowed, 'http.status').status, allowed.stdout).toBe('pass');
      expect(connections.length).toBeGreaterThan(0);

      const toMetadata = await inServerNamespace('check-jwks', `https://${PUBLIC_IP}:8443/to-metadata`, '--ca', caFile, '--allow-private-network', '--json');
      expect(toMetadata.code).toBe(1);
      expect(check(toMetadata, 'dns.public').message).toMatch(/169\.254\.169\.254 is a link-local .*never fetched/);
      expect(toMetadata.stdout).not.toMatch(ATTEMPT);
    });
  });
});
