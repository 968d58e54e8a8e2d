// The strict zip writer/reader: interoperable output, deterministic bytes, and refusal of
// hostile archives (traversal, duplicates, directories, bombs, encryption, too many entries).
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasErrorCode } from '../../../contract/errors';
import { dosDateTime, readZip, writeZip } from '../../../core/package/zip';
import { canonicalJson, canonicalJsonPretty } from '../../../core/package/canonical-json';
import { rawZip } from './helpers';

const bytes = (text: string) => new TextEncoder().encode(text);
const when = new Date('2026-02-01T23:59:59.000Z');

function refusedWith(code: 'PACKAGE_INVALID' | 'INPUT_UNREADABLE', run: () => unknown): void {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(hasErrorCode(error, code), String(error)).toBe(true);
}

describe('writeZip', () => {
  it('round-trips through readZip and is byte-identical for the same entries and time', () => {
    const entries = [
      { name: 'a.json', data: bytes('{"a":1}\n') },
      { name: 'B.md', data: bytes('# hi\n') },
      { name: 'empty.txt', data: new Uint8Array() },
    ];
    const zip = writeZip(entries, when);
    expect(readZip(zip)).toEqual(entries);
    expect(Buffer.from(writeZip(entries, when)).equals(Buffer.from(zip))).toBe(true);
  });

  it('stamps the UTC time, whatever the local time zone', () => {
    const { time, date } = dosDateTime(when);
    expect(date).toBe(((2026 - 1980) << 9) | (2 << 5) | 1);
    expect(time).toBe((23 << 11) | (59 << 5) | 29);
  });

  it('is read by other tools (python zipfile)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'oidc-zip-'));
    try {
      const file = path.join(dir, 'x.zip');
      await writeFile(file, writeZip([{ name: 'hello.txt', data: bytes('hello') }, { name: 'SUMMARY.md', data: bytes('# s\n') }], when));
      const out = execFileSync('python3', ['-c', 'import sys,zipfile;z=zipfile.ZipFile(sys.argv[1]);assert z.testzip() is None;print(",".join(i.filename+"="+z.read(i).decode() for i in z.infolist()))', file], { encoding: 'utf8' });
      expect(out.trim()).toBe('hello.txt=hello,SUMMARY.md=# s\n'.trim());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads deflated entries written by other tools', () => {
    const data = bytes('x'.repeat(5000));
    expect(readZip(rawZip([{ name: 'big.txt', data, deflate: true }]))[0]!.data).toEqual(data);
  });
});

describe('readZip refuses', () => {
  it('non-zip input as unreadable', () => {
    refusedWith('INPUT_UNREADABLE', () => readZip(bytes('not a zip at all, just some text that is long enough')));
    refusedWith('INPUT_UNREADABLE', () => readZip(new Uint8Array(10)));
  });

  it('path traversal, absolute and nested names', () => {
    for (const name of ['../evil.txt', '/etc/passwd', 'a/b.txt', 'a\\b.txt', '..', '.hidden', 'C:x', 'a\u0000b']) {
      refusedWith('PACKAGE_INVALID', () => readZip(rawZip([{ name, data: bytes('x') }])));
    }
  });

  it('directories and duplicate names (also differing only in case)', () => {
    refusedWith('PACKAGE_INVALID', () => readZip(rawZip([{ name: 'dir/', data: new Uint8Array() }])));
    refusedWith('PACKAGE_INVALID', () => readZip(rawZip([{ name: 'a.txt', data: bytes('1') }, { name: 'a.txt', data: bytes('2') }])));
    refusedWith('PACKAGE_INVALID', () => readZip(rawZip([{ name: 'a.txt', data: bytes('1') }, { name: 'A.TXT', data: bytes('2') }])));
  });

  it('too many entries, oversized totals and decompression bombs', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ name: `f${i}.txt`, data: bytes('x') }));
    refusedWith('PACKAGE_INVALID', () => readZip(rawZip(many)));
    const bomb = new Uint8Array(30 * 1024 * 1024); // 30 MiB of zeros deflates to ~30 KiB
    refusedWith('PACKAGE_INVALID', () => readZip(rawZip([{ name: 'bomb.bin', data: bomb, deflate: true }])));
    // A bomb that lies about its size: declares 10 bytes, inflates to 1 MiB.
    refusedWith('PACKAGE_INVALID', () => readZip(rawZip([{ name: 'liar.bin', data: new Uint8Array(1024 * 1024), deflate: true, declaredSize: 10 }])));
    refusedWith('PACKAGE_INVALID', () => readZip(new Uint8Array(21 * 1024 * 1024)));
  });

  it('encrypted entries and CRC mismatches', () => {
    refusedWith('PACKAGE_INVALID', () => readZip(rawZip([{ name: 'a.txt', data: bytes('x'), flags: 1 }])));
    const zip = writeZip([{ name: 'a.txt', data: bytes('hello') }], when);
    zip[30 + 'a.txt'.length] = zip[30 + 'a.txt'.length]! ^ 1; // first data byte
    refusedWith('PACKAGE_INVALID', () => readZip(zip));
  });

  it('never throws anything but a typed error on random input (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (data) => {
        try {
          readZip(data);
        } catch (error) {
          expect(hasErrorCode(error, 'INPUT_UNREADABLE') || hasErrorCode(error, 'PACKAGE_INVALID'), String(error)).toBe(true);
        }
      }),
    );
  });
});

describe('canonical JSON', () => {
  it('sorts members at every depth, whatever the insertion order (fast-check)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reordered = JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v))) as unknown;
        expect(canonicalJson(reordered)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJsonPretty(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: 1 }], c: null }, 10: 'x', 9: 'y' })).toBe('{"10":"x","9":"y","a":{"c":null,"d":[1,{"y":1,"z":0}]},"b":1}');
  });
});
