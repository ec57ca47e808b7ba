// Draws Navette's icons (tray states and app icon) as PNG files, with no image library: shapes
// are described as "is this point inside?" functions, sampled 4×4 per pixel for smooth edges,
// and written with zlib. Run `node scripts/make-icons.mjs` after changing a shape; the PNGs are
// committed under resources/icons/. `node scripts/make-icons.mjs DIR` writes them to DIR instead
// (the tests use it to check that the committed files are what this script draws).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.resolve(process.argv[2] ?? path.join(root, 'resources', 'icons'));

// ── PNG writing ───────────────────────────────────────────────────────────────────────────────
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** `rgba` is width*height*4 bytes, rows top to bottom. */
function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ── Shapes, in a unit square (0..1, y down) ───────────────────────────────────────────────────
const disc = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** A thick segment with round ends. */
const capsule = (ax, ay, bx, by, r) => (x, y) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= r * r;
};

const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  const qx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const qy = Math.max(y0 + r - y, 0, y - (y1 - r));
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && qx * qx + qy * qy <= r * r;
};

const triangle = (ax, ay, bx, by, cx, cy) => (x, y) => {
  const s = (px, py, qx, qy) => (x - qx) * (py - qy) - (px - qx) * (y - qy);
  const d1 = s(ax, ay, bx, by);
  const d2 = s(bx, by, cx, cy);
  const d3 = s(cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};

const union =
  (...shapes) =>
  (x, y) =>
    shapes.some((s) => s(x, y));

/** Paints layers (later ones on top) into a size×size RGBA buffer, 4×4 samples per pixel. */
function render(size, layers) {
  const rgba = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          let colour;
          for (const [shape, c] of layers) if (shape(x, y)) colour = c;
          if (colour !== undefined) {
            r += colour[0];
            g += colour[1];
            b += colour[2];
            a += 1;
          }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
        rgba[o + 3] = Math.round((255 * a) / (n * n));
      }
    }
  }
  return rgba;
}

// ── The icons ─────────────────────────────────────────────────────────────────────────────────
const WHITE = [255, 255, 255];
const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));

/** Tray states: a coloured disc with a white sign, readable at 16 px and by colour-blind users. */
const TRAY = {
  // Green, check mark.
  ready: [
    [disc(0.5, 0.5, 0.47), hex('#2e7d32')],
    [union(capsule(0.27, 0.52, 0.43, 0.68, 0.07), capsule(0.43, 0.68, 0.73, 0.34, 0.07)), WHITE],
  ],
  // Grey, a card struck through.
  'card-absent': [
    [disc(0.5, 0.5, 0.47), hex('#616161')],
    [roundedRect(0.22, 0.32, 0.78, 0.68, 0.06), WHITE],
    [roundedRect(0.3, 0.42, 0.44, 0.55, 0.02), hex('#616161')],
    [capsule(0.24, 0.8, 0.76, 0.2, 0.085), hex('#616161')],
    [capsule(0.24, 0.8, 0.76, 0.2, 0.04), WHITE],
  ],
  // Orange, exclamation mark.
  attention: [
    [disc(0.5, 0.5, 0.47), hex('#d84315')],
    [union(capsule(0.5, 0.24, 0.5, 0.56, 0.075), disc(0.5, 0.75, 0.08)), WHITE],
  ],
  // Blue, three dots.
  busy: [
    [disc(0.5, 0.5, 0.47), hex('#1565c0')],
    [union(disc(0.28, 0.5, 0.08), disc(0.5, 0.5, 0.08), disc(0.72, 0.5, 0.08)), WHITE],
  ],
};

/** The app icon: two arrows going back and forth (a « navette » is a shuttle). */
const APP = [
  [roundedRect(0.04, 0.04, 0.96, 0.96, 0.2), hex('#1f5fa8')],
  [
    union(capsule(0.22, 0.38, 0.62, 0.38, 0.06), triangle(0.58, 0.24, 0.8, 0.38, 0.58, 0.52)),
    WHITE,
  ],
  [
    union(capsule(0.38, 0.64, 0.78, 0.64, 0.06), triangle(0.42, 0.5, 0.2, 0.64, 0.42, 0.78)),
    hex('#cfe3ff'),
  ],
];

function write(file, size, layers) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, encodePng(size, size, render(size, layers)));
  process.stdout.write(`${path.relative(process.cwd(), file)} (${size}×${size})\n`);
}

for (const [state, layers] of Object.entries(TRAY)) {
  write(path.join(outDir, 'tray', `${state}.png`), 16, layers);
  write(path.join(outDir, 'tray', `${state}@2x.png`), 32, layers);
}
write(path.join(outDir, 'icon.png'), 512, APP);
