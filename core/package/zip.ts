/**
 * A small, strict ZIP writer and reader for registration packages (pure: bytes in, bytes out).
 *
 * Why not fflate's `zipSync`: it stamps entry times in the machine's local time zone, so the
 * same package built in London and in Sydney would differ. Here every entry is STORED (no
 * compression, so the bytes never depend on a compressor's version), has no extra fields, no
 * comment, the DOS time of `mtime` in UTC, and the entries come in the caller's order.
 *
 * The reader is for untrusted input: it caps the archive size, the entry count and the total
 * decompressed size (declared AND actual), refuses names with paths, directories, duplicates,
 * encryption, ZIP64, overlapping entries and unknown compression, and checks every CRC-32.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { AppError } from '../../contract/errors';
import { PACKAGE_MAX_BYTES } from '../../contract/operations/packages';

/** One file of an archive. */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/** Limits of {@link readZip}. */
export interface ZipLimits {
  /** Largest archive accepted. */
  maxArchiveBytes: number;
  /** Most entries accepted. */
  maxEntries: number;
  /** Largest sum of decompressed entry sizes. */
  maxTotalBytes: number;
}

/** Default limits: generous for a package of a few kilobytes, small enough to refuse bombs. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxArchiveBytes: PACKAGE_MAX_BYTES, maxEntries: 32, maxTotalBytes: PACKAGE_MAX_BYTES };

/** Names we write and accept: one flat file name, no paths, no hidden files, no control characters. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const VERSION = 20; // 2.0: deflate and stored, no ZIP64
const MADE_BY = (3 << 8) | VERSION; // host 3 = Unix, so the external attributes carry a file mode
const FILE_MODE = 0o100644; // regular file, rw-r--r--

/** True for a name {@link writeZip} writes and {@link readZip} accepts. */
export function isSafeEntryName(name: string): boolean {
  return SAFE_NAME.test(name) && !name.includes('..');
}

/** DOS date and time of `date` in UTC (2-second resolution; clamped to 1980–2107). */
export function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  const clampedLow = date.getUTCFullYear() < 1980;
  if (clampedLow) return { time: 0, date: (0 << 9) | (1 << 5) | 1 };
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** Writes `entries` (in the given order) as a deterministic STORED zip stamped with `mtime`. */
export function writeZip(entries: readonly ZipEntry[], mtime: Date): Uint8Array {
  const { time, date } = dosDateTime(mtime);
  const encoder = new TextEncoder();
  const seen = new Set<string>();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    if (!isSafeEntryName(entry.name) || seen.has(entry.name.toLowerCase())) throw new AppError('INTERNAL', `Refused to write the zip entry name ${JSON.stringify(entry.name)}.`);
    seen.add(entry.name.toLowerCase());
    const name = encoder.encode(entry.name);
    const crc = crc32(entry.data) >>> 0;
    const size = entry.data.length;

    const local = new Uint8Array(30 + name.length + size);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, SIG_LOCAL, true);
    lv.setUint16(4, VERSION, true);
    lv.setUint16(6, 0, true); // flags
    lv.setUint16(8, 0, true); // method: stored
    lv.setUint16(10, time, true);
    lv.setUint16(12, date, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, size, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    lv.setUint16(28, 0, true); // no extra field
    local.set(name, 30);
    local.set(entry.data, 30 + name.length);

    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, SIG_CENTRAL, true);
    cv.setUint16(4, MADE_BY, true);
    cv.setUint16(6, VERSION, true);
    cv.setUint16(8, 0, true);
    cv.setUint16(10, 0, true);
    cv.setUint16(12, time, true);
    cv.setUint16(14, date, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, size, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint16(30, 0, true); // extra
    cv.setUint16(32, 0, true); // comment
    cv.setUint16(34, 0, true); // disk
    cv.setUint16(36, 0, true); // internal attributes
    cv.setUint32(38, (FILE_MODE << 16) >>> 0, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);

    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const centralSize = centrals.reduce((sum, c) => sum + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, SIG_END, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + centralSize + end.length);
  let at = 0;
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function unreadable(message: string): AppError {
  return new AppError('INPUT_UNREADABLE', `Not a readable zip archive: ${message}`, { details: { reason: 'not-a-zip' } });
}

function unsafe(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('PACKAGE_INVALID', `The archive is refused: ${message}`, { details: { reason: 'unsafe-archive', ...details } });
}

/**
 * Reads a zip from untrusted bytes, strictly (see the module comment).
 *
 * @throws AppError `INPUT_UNREADABLE` when the bytes are not a zip archive at all;
 *   `PACKAGE_INVALID` when it is one but breaks a safety rule or a CRC does not match.
 */
export function readZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  if (bytes.length > limits.maxArchiveBytes) throw unsafe(`it is larger than ${limits.maxArchiveBytes} bytes.`, { bytes: bytes.length });
  if (bytes.length < 22) throw unreadable('too short.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let endAt = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i -= 1) {
    if (view.getUint32(i, true) === SIG_END && i + 22 + view.getUint16(i + 20, true) === bytes.length) {
      endAt = i;
      break;
    }
  }
  if (endAt < 0) throw unreadable('no end-of-central-directory record.');
  const disk = view.getUint16(endAt + 4, true);
  const cdDisk = view.getUint16(endAt + 6, true);
  const onDisk = view.getUint16(endAt + 8, true);
  const count = view.getUint16(endAt + 10, true);
  const cdSize = view.getUint32(endAt + 12, true);
  const cdOffset = view.getUint32(endAt + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw unsafe('ZIP64 archives are not accepted.');
  if (disk !== 0 || cdDisk !== 0 || onDisk !== count) throw unsafe('multi-volume archives are not accepted.');
  if (count > limits.maxEntries) throw unsafe(`it has ${count} entries (at most ${limits.maxEntries}).`, { entries: count });
  if (cdOffset + cdSize > endAt) throw unreadable('the central directory lies outside the archive.');

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const names = new Set<string>();
  const ranges: { start: number; end: number }[] = [];
  const entries: ZipEntry[] = [];
  let total = 0;
  let at = cdOffset;
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > cdOffset + cdSize || view.getUint32(at, true) !== SIG_CENTRAL) throw unreadable('a central directory record is damaged.');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    const compressed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localAt = view.getUint32(at + 42, true);
    const recordEnd = at + 46 + nameLength + extraLength + commentLength;
    if (recordEnd > cdOffset + cdSize) throw unreadable('a central directory record is damaged.');
    let name: string;
    try {
      name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    } catch {
      throw unsafe('an entry name is not valid UTF-8.');
    }
    at = recordEnd;

    if (name.endsWith('/') || name.endsWith('\\')) throw unsafe(`directory entries are not accepted (${JSON.stringify(name)}).`, { entry: name });
    if (!isSafeEntryName(name)) throw unsafe(`the entry name ${JSON.stringify(name.slice(0, 120))} is not a plain file name (paths and traversal are refused).`, { entry: name.slice(0, 120) });
    if (names.has(name.toLowerCase())) throw unsafe(`the entry ${JSON.stringify(name)} appears twice.`, { entry: name });
    names.add(name.toLowerCase());
    if (flags & 0x0001 || flags & 0x0040) throw unsafe(`the entry ${name} is encrypted.`, { entry: name });
    if (method !== 0 && method !== 8) throw unsafe(`the entry ${name} uses compression method ${method}.`, { entry: name });
    if (size === 0xffffffff || compressed === 0xffffffff) throw unsafe('ZIP64 entries are not accepted.', { entry: name });
    total += size;
    if (total > limits.maxTotalBytes) throw unsafe(`its entries would decompress to more than ${limits.maxTotalBytes} bytes.`, { entry: name });

    if (localAt + 30 > cdOffset || view.getUint32(localAt, true) !== SIG_LOCAL) throw unreadable(`the local header of ${name} is damaged.`);
    const localNameLength = view.getUint16(localAt + 26, true);
    const localExtraLength = view.getUint16(localAt + 28, true);
    const localName = bytes.subarray(localAt + 30, localAt + 30 + localNameLength);
    if (Buffer.compare(Buffer.from(localName), Buffer.from(bytes.subarray(recordEnd - nameLength - extraLength - commentLength, recordEnd - extraLength - commentLength))) !== 0) {
      throw unsafe(`the local and central names of ${name} differ.`, { entry: name });
    }
    const dataStart = localAt + 30 + localNameLength + localExtraLength;
    const dataEnd = dataStart + compressed;
    if (dataEnd > cdOffset) throw unreadable(`the data of ${name} runs past the central directory.`);
    for (const range of ranges) {
      if (localAt < range.end && dataEnd > range.start) throw unsafe(`the entry ${name} overlaps another entry.`, { entry: name });
    }
    ranges.push({ start: localAt, end: dataEnd });

    const raw = bytes.subarray(dataStart, dataEnd);
    let data: Uint8Array;
    if (method === 0) {
      if (compressed !== size) throw unsafe(`the stored entry ${name} declares two sizes.`, { entry: name });
      data = raw;
    } else {
      try {
        data = new Uint8Array(inflateRawSync(raw, { maxOutputLength: Math.max(1, size) }));
      } catch {
        throw unsafe(`the entry ${name} does not decompress to its declared size.`, { entry: name });
      }
    }
    if (data.length !== size) throw unsafe(`the entry ${name} does not decompress to its declared size.`, { entry: name });
    if (crc32(data) >>> 0 !== crc) throw unsafe(`the entry ${name} fails its CRC-32 check (damaged or altered).`, { entry: name, reason: 'crc' });
    entries.push({ name, data: new Uint8Array(data) });
  }
  if (at !== cdOffset + cdSize) throw unreadable('the central directory size does not match its records.');
  return entries;
}
