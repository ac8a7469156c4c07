// Draws the desk's icon (a 3×3 grid with one highlighted cell: 网格化管理) and writes the PNG
// set electron-builder uses for Linux (NxN.png), icon.png (512) and icon.ico (Windows, PNG-coded).
// Run from the repo root: `node resources/icons/generate.mjs`. The outputs are committed.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const here = fileURLToPath(new URL('.', import.meta.url));
const cells = [];
for (let row = 0; row < 3; row++) {
  for (let col = 0; col < 3; col++) {
    const hot = row === 1 && col === 2;
    cells.push(`<rect x="${104 + col * 104}" y="${104 + row * 104}" width="92" height="92" rx="10" fill="${hot ? '#f5a623' : '#2f7bf6'}" opacity="${hot ? 1 : 0.85}"/>`);
  }
}
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <rect x="16" y="16" width="480" height="480" rx="96" fill="#0b1220"/>
  <rect x="84" y="84" width="344" height="344" rx="28" fill="none" stroke="#5aa0ff" stroke-width="12"/>
  ${cells.join('\n  ')}
</svg>`;

const sizes = [16, 24, 32, 48, 64, 128, 256, 512];
const pngs = new Map();
for (const size of sizes) {
  const png = await sharp(Buffer.from(svg)).resize(size, size).png({ compressionLevel: 9 }).toBuffer();
  pngs.set(size, png);
  await writeFile(`${here}${size}x${size}.png`, png);
}
await writeFile(`${here}icon.png`, pngs.get(512));

// ICO with PNG-coded images (Windows Vista+): header, one directory entry per size, the PNGs.
const icoSizes = [16, 24, 32, 48, 64, 128, 256];
const header = Buffer.alloc(6);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(icoSizes.length, 4);
let offset = 6 + 16 * icoSizes.length;
const entries = icoSizes.map((size) => {
  const png = pngs.get(size);
  const entry = Buffer.alloc(16);
  entry.writeUInt8(size === 256 ? 0 : size, 0);
  entry.writeUInt8(size === 256 ? 0 : size, 1);
  entry.writeUInt16LE(1, 4);
  entry.writeUInt16LE(32, 6);
  entry.writeUInt32LE(png.length, 8);
  entry.writeUInt32LE(offset, 12);
  offset += png.length;
  return entry;
});
await writeFile(`${here}icon.ico`, Buffer.concat([header, ...entries, ...icoSizes.map((s) => pngs.get(s))]));
console.log(`icons written to ${here}`);
