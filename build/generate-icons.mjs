#!/usr/bin/env node
/**
 * Rasterises the app icon (build/icon.svg's shield-and-key shape) without any image library:
 * the shape is evaluated per pixel with 4x4 supersampling and written as PNG with node:zlib, then
 * wrapped as .ico (PNG-in-ICO) and .icns (ic08/ic09 PNG entries).
 * Usage: node build/generate-icons.mjs   (writes build/icon.png, build/icons/*.png, build/icon.ico, build/icon.icns)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const BLUE = [0x00, 0x5e, 0xb8];
const WHITE = [0xff, 0xff, 0xff];

/** Colour of the 512-unit design at (x, y), or null for transparent. Mirrors icon.svg. */
function sample(x, y) {
  if (!inRoundedRect(x, y, 0, 0, 512, 512, 96)) return null;
  const inShield = inShieldShape(x, y);
  if (!inShield) return BLUE;
  const dx = x - 256;
  const dy = y - 200;
  const d2 = dx * dx + dy * dy;
  if (d2 <= 24 * 24) return WHITE;
  if (d2 <= 56 * 56) return BLUE;
  if (x >= 240 && x < 272 && y >= 248 && y < 388) return BLUE;
  if (x >= 272 && x < 312 && y >= 312 && y < 336) return BLUE;
  if (x >= 272 && x < 300 && y >= 352 && y < 376) return BLUE;
  return WHITE;
}

function inRoundedRect(x, y, left, top, width, height, r) {
  if (x < left || y < top || x >= left + width || y >= top + height) return false;
  const cx = Math.min(Math.max(x, left + r), left + width - r);
  const cy = Math.min(Math.max(y, top + r), top + height - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inShieldShape(x, y) {
  if (y < 64 || y > 452) return false;
  // Top edge: a shallow roof from (96,120) up to (256,64) and down to (416,120).
  const roof = 64 + (56 * Math.abs(x - 256)) / 160;
  if (y < roof) return false;
  if (y <= 248) return x >= 96 && x <= 416;
  // Lower half: sides curving to the point at (256, 452).
  const t = (y - 248) / (452 - 248);
  const halfWidth = 160 * Math.sqrt(Math.max(0, 1 - t * t));
  return Math.abs(x - 256) <= halfWidth;
}

/** RGBA pixels of the icon at `size`×`size`. */
function render(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const scale = 512 / size;
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const colour = sample((px + (sx + 0.5) / n) * scale, (py + (sy + 0.5) / n) * scale);
          if (colour) {
            r += colour[0];
            g += colour[1];
            b += colour[2];
            a += 1;
          }
        }
      }
      const offset = (py * size + px) * 4;
      if (a > 0) {
        pixels[offset] = Math.round(r / a);
        pixels[offset + 1] = Math.round(g / a);
        pixels[offset + 2] = Math.round(b / a);
      }
      pixels[offset + 3] = Math.round((255 * a) / (n * n));
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG (8-bit RGBA, no interlace) of the icon at `size`. */
export function iconPng(size) {
  const pixels = render(size);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An .ico holding one 256×256 PNG (supported since Windows Vista). */
function ico(png256) {
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // count
  header[6] = 0; // width 256
  header[7] = 0; // height 256
  header[8] = 0; // palette
  header[9] = 0;
  header.writeUInt16LE(1, 10); // planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png256.length, 14);
  header.writeUInt32LE(22, 18); // offset of the image data
  return Buffer.concat([header, png256]);
}

/** An .icns with ic08 (256) and ic09 (512) PNG entries. */
function icns(png256, png512) {
  const entry = (type, data) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  };
  const body = Buffer.concat([entry('ic08', png256), entry('ic09', png512)]);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const png512 = iconPng(512);
  const png256 = iconPng(256);
  mkdirSync(path.join(here, 'icons'), { recursive: true });
  writeFileSync(path.join(here, 'icon.png'), png512);
  writeFileSync(path.join(here, 'icons', '512x512.png'), png512);
  writeFileSync(path.join(here, 'icons', '256x256.png'), png256);
  writeFileSync(path.join(here, 'icon.ico'), ico(png256));
  writeFileSync(path.join(here, 'icon.icns'), icns(png256, png512));
  process.stdout.write(`icons written to ${here}\n`);
}
