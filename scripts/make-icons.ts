/**
 * Draws the AUP Guard icon (a blue shield with a white tick) as PNGs in public/icons.
 * Run `node --import tsx scripts/make-icons.ts` after changing the drawing; the PNGs are committed.
 */
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const SIZES = [16, 32, 48, 128];
const BLUE = [0x1d, 0x4f, 0x91];

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** Shield outline in a unit square: flat top, straight sides, curved point at the bottom. */
function inShield(x: number, y: number): boolean {
  if (y < 0.06 || y > 0.96 || x < 0.1 || x > 0.9) return false;
  if (y < 0.55) return true;
  const half = 0.4 * Math.sqrt(Math.max(0, 1 - ((y - 0.55) / 0.41) ** 2));
  return Math.abs(x - 0.5) <= half;
}

function distToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function inTick(x: number, y: number): boolean {
  const w = 0.075;
  return distToSegment(x, y, 0.3, 0.5, 0.45, 0.66) < w || distToSegment(x, y, 0.45, 0.66, 0.72, 0.34) < w;
}

function png(size: number): Buffer {
  const ss = 4;
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      let shield = 0, tick = 0;
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const u = (x + (sx + 0.5) / ss) / size, v = (y + (sy + 0.5) / ss) / size;
          if (inShield(u, v)) { shield++; if (inTick(u, v)) tick++; }
        }
      const n = ss * ss;
      const a = shield / n, white = shield ? tick / shield : 0;
      const o = 1 + x * 4;
      for (let c = 0; c < 3; c++) row[o + c] = Math.round(BLUE[c]! * (1 - white) + 255 * white);
      row[o + 3] = Math.round(a * 255);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of SIZES) writeFileSync(new URL(`../public/icons/icon-${size}.png`, import.meta.url), png(size));
console.log(`wrote ${SIZES.length} icons`);
