import type { IncomingMessage } from 'node:http';
import type { DemoUser } from '../../src-shared/district/types';
import type { HttpAnswer } from '../http/server';
import { readMultipart, type Read } from '../http/request-body';
import { authenticatePerson } from './callers';
import { refusalAnswer } from './http-status';
import type { IntakeDeps } from './options';
import { cleanPhotos, type CleanPhoto } from './photos';

/**
 * A person's multipart form with photos, in the order that costs least when refused: who is
 * sending, the form within its limits, its fields, and only then the (slow) photo cleaning.
 */
export async function readPhotoForm<F>(
  request: IncomingMessage,
  query: URLSearchParams,
  deps: IntakeDeps,
  fields: (raw: Record<string, string>) => Read<F>,
): Promise<{ ok: true; user: DemoUser; fields: F; photos: CleanPhoto[] } | { ok: false; answer: HttpAnswer }> {
  const { people, options } = deps;
  const who = await authenticatePerson(request, query, people);
  if (!who.ok) {
    request.resume();
    return { ok: false, answer: refusalAnswer(who) };
  }
  const body = await readMultipart(request, { maxFileBytes: options.maxPhotoBytes, maxFiles: options.maxPhotosPerReport });
  if (!body.ok) return { ok: false, answer: refusalAnswer(body) };
  const read = fields(body.value.fields);
  if (!read.ok) return { ok: false, answer: refusalAnswer(read) };
  const cleaned = await cleanPhotos(body.value.files, options.photoLongEdgePx);
  if (!cleaned.ok) return { ok: false, answer: refusalAnswer(cleaned) };
  return { ok: true, user: who.user, fields: read.value, photos: cleaned.photos };
}
