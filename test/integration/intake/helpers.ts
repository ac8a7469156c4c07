import sharp from 'sharp';

/**
 * A camera JPEG as a phone writes it: noise (so it compresses like a photo, not like a flat
 * colour), and EXIF with GPS, maker, serial and owner, the metadata intake must strip.
 */
export async function jpegWithGps(width = 3000, height = 2000): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 120, g: 130, b: 110 }, noise: { type: 'gaussian', mean: 128, sigma: 20 } } })
    .jpeg({ quality: 70 })
    .withExif({
      IFD0: { Make: 'ACME-CAM', Model: 'SERIAL-XYZ-123', Copyright: 'Owner Wang' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 54/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '116/1 23/1 3000/100' },
    })
    .toBuffer();
}

export async function smallPng(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 0.5 } } }).png().toBuffer();
}

export function photoForm(fields: Record<string, string | number | undefined>, photos: { name: string; bytes: Uint8Array; type?: string }[] = []): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.append(name, String(value));
  for (const p of photos) form.append('photos', new Blob([new Uint8Array(p.bytes)], { type: p.type ?? 'image/jpeg' }), p.name);
  return form;
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
