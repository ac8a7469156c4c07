import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { CommandAnswer } from '../service/case-service';
import { refusal, type Refusal } from '../../src-shared/errors';
import type { Database } from '../store/db';
import type { UploadedFile } from '../http/request-body';

/**
 * Report photos. Field photos capture private life (DOMAIN §8): every photo is decoded and
 * re-encoded, so EXIF (GPS, camera serial, owner), XMP, IPTC and comments never reach storage;
 * the report's location is kept as the case's lon/lat and nothing else of the file survives.
 */

export type PhotoMime = 'image/jpeg' | 'image/png' | 'image/webp';

/** The type by the file's first bytes: a declared content type is the client's opinion. */
export function sniffImage(bytes: Uint8Array): PhotoMime | undefined {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length >= 8 && png.every((v, i) => b[i] === v)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

export interface CleanPhoto {
  mime: PhotoMime;
  bytes: Buffer;
  width: number;
  height: number;
  /** Time spent decoding and re-encoding, for the log (figures, not a limit). */
  ms: number;
}

/** A decompression bomb (a tiny file claiming a huge canvas) is refused before it is decoded. */
const MAX_INPUT_PIXELS = 60_000_000;

/**
 * Decodes, turns it upright by its EXIF orientation (before the tag is dropped), caps the long
 * edge and re-encodes in the same format with no metadata (sharp writes none unless asked).
 */
export async function cleanPhoto(upload: Pick<UploadedFile, 'filename' | 'bytes'>, longEdge: number): Promise<CleanPhoto | Refusal> {
  const mime = sniffImage(upload.bytes);
  if (!mime) return refusal('PHOTO_TYPE', { name: upload.filename });
  const started = performance.now();
  try {
    const pipeline = sharp(upload.bytes, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize({ width: longEdge, height: longEdge, fit: 'inside', withoutEnlargement: true });
    const encoded =
      mime === 'image/jpeg'
        ? pipeline.jpeg({ quality: 82, mozjpeg: true })
        : mime === 'image/png'
          ? pipeline.png({ compressionLevel: 8 })
          : pipeline.webp({ quality: 82 });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { mime, bytes: data, width: info.width, height: info.height, ms: performance.now() - started };
  } catch {
    // The magic bytes matched but the image does not decode: as unusable as a wrong type.
    return refusal('PHOTO_TYPE', { name: upload.filename });
  }
}

/** Cleans every upload; the first bad one refuses the lot (a report is whole or not at all). */
export async function cleanPhotos(uploads: readonly UploadedFile[], longEdge: number): Promise<{ ok: true; photos: CleanPhoto[] } | Refusal> {
  const photos: CleanPhoto[] = [];
  for (const upload of uploads) {
    const clean = await cleanPhoto(upload, longEdge);
    if ('ok' in clean) return clean;
    photos.push(clean);
  }
  return { ok: true, photos };
}

export interface StoredPhoto {
  id: string;
  caseId: string | null;
  mime: string;
  bytes: Buffer;
}

/**
 * The `photos` table. A report's photos are written *pending* (case_id NULL) before the case,
 * because the `reported` event names them; `settle` then attaches them to the case or deletes
 * them when the report was refused. A crash in between leaves only pending rows, never a case
 * pointing at missing photos; `sweepPending` removes such leftovers.
 */
export class PhotoStore {
  constructor(private readonly db: Database) {}

  async putPending(photos: readonly CleanPhoto[], createdBy: string, now: Date): Promise<string[]> {
    if (photos.length === 0) return [];
    const ids = photos.map(() => randomUUID());
    await this.db.transaction(async (tx) => {
      for (const [i, photo] of photos.entries()) {
        await tx.run('INSERT INTO photos (id, case_id, mime, size, bytes, created_at, created_by) VALUES (?, NULL, ?, ?, ?, ?, ?)', [
          ids[i] as string,
          photo.mime,
          photo.bytes.byteLength,
          photo.bytes,
          now.toISOString(),
          createdBy,
        ]);
      }
    });
    return ids;
  }

  /** Attaches the photos the case kept; deletes the rest (refused report, or a replay that kept the first upload's). */
  async settle(ids: readonly string[], answer: CommandAnswer): Promise<void> {
    if (ids.length === 0) return;
    const kept = new Set(answer.ok ? answer.state.photos.map((p) => p.id) : []);
    await this.db.transaction(async (tx) => {
      for (const id of ids) {
        if (answer.ok && kept.has(id)) await tx.run('UPDATE photos SET case_id = ? WHERE id = ?', [answer.state.id, id]);
        else await tx.run('DELETE FROM photos WHERE id = ? AND case_id IS NULL', [id]);
      }
    });
  }

  async discard(ids: readonly string[]): Promise<void> {
    for (const id of ids) await this.db.run('DELETE FROM photos WHERE id = ? AND case_id IS NULL', [id]);
  }

  async get(id: string): Promise<StoredPhoto | undefined> {
    const row = await this.db.get<{ id: string; case_id: string | null; mime: string; bytes: Uint8Array }>(
      'SELECT id, case_id, mime, bytes FROM photos WHERE id = ?',
      [id],
    );
    return row && { id: row.id, caseId: row.case_id, mime: row.mime, bytes: Buffer.from(row.bytes) };
  }

  /** Pending photos older than `before` belong to a report that never finished: delete them. */
  async sweepPending(before: Date): Promise<number> {
    return (await this.db.run('DELETE FROM photos WHERE case_id IS NULL AND created_at < ?', [before.toISOString()])).changes;
  }
}
