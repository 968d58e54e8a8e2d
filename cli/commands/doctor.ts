/** `doctor` — is this machine ready: Node and OS, a writable data folder, a working keychain. */
import os from 'node:os';
import { EXIT, print } from '../context';
import { defineCommand } from '../spec';

/** See module comment. */
export const doctor = defineCommand({
  name: 'doctor',
  summary: 'Check Node, the OS, the data folder and the OS keychain',
  details: ['Exit 3 when the data folder is not writable or the keychain is not usable, with what to do.'],
  examples: ['oidc-onboard doctor', 'oidc-onboard doctor --json'],
  async run(context) {
    const [{ checkWritable }, { createOsKeychain }, { probeKeychain }, { APP_VERSION }] = await Promise.all([
      import('../../core/storage/writable'),
      import('../../core/storage/os-keychain'),
      import('../../core/storage/keychain-probe'),
      import('../../core/version'),
    ]);
    const [dataDir, keychain] = await Promise.all([checkWritable(context.dataDir), probeKeychain(createOsKeychain())]);
    const report = {
      version: APP_VERSION,
      node: process.versions.node,
      os: { platform: process.platform, release: os.release(), arch: process.arch },
      dataDir: { path: context.dataDir, ...dataDir },
      keychain,
      ok: dataDir.writable && keychain.available,
    };
    print(context, report, () =>
      [
        `OIDC Onboard ${report.version} on Node ${report.node}, ${report.os.platform} ${report.os.release} (${report.os.arch})`,
        `${dataDir.writable ? 'ok  ' : 'FAIL'}  data folder ${context.dataDir}${dataDir.writable ? ' is writable' : ` is not writable (${dataDir.reason})`}`,
        `${keychain.available ? 'ok  ' : 'FAIL'}  OS keychain: ${keychain.backend}${keychain.available ? ' stores, reads and deletes items' : ` is not usable.\n      ${keychain.guidance}`}`,
        '',
      ].join('\n'),
    );
    return report.ok ? EXIT.ok : EXIT.environment;
  },
});
