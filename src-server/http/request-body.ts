import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import type { z } from 'zod';
import { refusal, type Refusal } from '../../src-shared/errors';
import { unstorableText } from '../../src-shared/text-safety';

/**
 * Request bodies, read by the route that wants them so each sets its own limits. Everything is
 * streamed against a byte limit (nothing unbounded is buffered) and every failure is a Refusal
 * value with the code a person and a program can act on.
 */

export type Read<T> = { ok: true; value: T } | Refusal;

/** The media type without parameters: 'multipart/form-data; boundary=x' → 'multipart/form-data'. */
export function mediaTypeOf(request: IncomingMessage): string {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The raw body, refused (BODY_TOO_LARGE) as soon as it passes `maxBytes`; the rest is discarded. */
export function readBytes(request: IncomingMessage, maxBytes: number): Promise<Read<Buffer>> {
  const tooLarge = refusal('BODY_TOO_LARGE', { limit: maxBytes });
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    request.resume();
    return Promise.resolve(tooLarge);
  }
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      // Answer now; Node discards what the client still sends once the response is written.
      request.off('data', onData);
      request.resume();
      done(tooLarge);
    };
    request.on('data', onData);
    request.on('end', () => done({ ok: true, value: Buffer.concat(chunks) }));
    request.on('error', (error) => done(refusal('VALIDATION_FAILED', { detail: `the upload broke off (${error.message})` })));
  });
}

export type BodyFormat = 'json' | 'form';

const MEDIA_TYPES: Record<BodyFormat, string> = { json: 'application/json', form: 'application/x-www-form-urlencoded' };

/**
 * A JSON or form-encoded body as a plain object (form values are strings; a repeated name keeps
 * its last value), before any schema. Open311 clients post forms; our own systems post JSON.
 */
export async function readFields(request: IncomingMessage, accept: readonly BodyFormat[], maxBytes: number): Promise<Read<unknown>> {
  const type = mediaTypeOf(request);
  const format = accept.find((f) => MEDIA_TYPES[f] === type);
  if (!format) {
    request.resume();
    return refusal('UNSUPPORTED_MEDIA_TYPE', { type: type || '(none)', expected: accept.map((f) => MEDIA_TYPES[f]).join(' / ') });
  }
  const raw = await readBytes(request, maxBytes);
  if (!raw.ok) return raw;
  const text = raw.value.toString('utf8');
  let value: unknown;
  if (format === 'form') value = Object.fromEntries(new URLSearchParams(text));
  else {
    try {
      value = JSON.parse(text) as unknown;
    } catch {
      return refusal('VALIDATION_FAILED', { detail: 'the body is not valid JSON' });
    }
  }
  const problem = unstorableText(value, '(body)');
  return problem ? refusal('VALIDATION_FAILED', { detail: problem }) : { ok: true, value };
}

/** Checks a value against a schema; the refusal names each wrong field. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): Read<z.output<S>> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const detail = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
  return refusal('VALIDATION_FAILED', { detail });
}

export async function readValidated<S extends z.ZodType>(
  request: IncomingMessage,
  schema: S,
  accept: readonly BodyFormat[],
  maxBytes: number,
): Promise<Read<z.output<S>>> {
  const fields = await readFields(request, accept, maxBytes);
  return fields.ok ? validate(schema, fields.value) : fields;
}

export interface UploadedFile {
  field: string;
  filename: string;
  /** What the client said; never trusted (photos are checked by their magic bytes). */
  declaredType: string;
  bytes: Buffer;
}

export interface MultipartLimits {
  maxFileBytes: number;
  maxFiles: number;
  maxFields?: number;
  maxFieldBytes?: number;
}

/**
 * A multipart/form-data body: its text fields and its files, each file cut off at
 * `maxFileBytes` while it streams (busboy's limit), so an oversized photo costs no memory.
 * The whole body is consumed before answering, so the client always reads the refusal.
 */
export function readMultipart(request: IncomingMessage, limits: MultipartLimits): Promise<Read<{ fields: Record<string, string>; files: UploadedFile[] }>> {
  if (mediaTypeOf(request) !== 'multipart/form-data') {
    request.resume();
    return Promise.resolve(refusal('UNSUPPORTED_MEDIA_TYPE', { type: mediaTypeOf(request) || '(none)', expected: 'multipart/form-data' }));
  }
  const maxFields = limits.maxFields ?? 30;
  const maxFieldBytes = limits.maxFieldBytes ?? 16 * 1024;
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: request.headers,
      limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, fields: maxFields, fieldSize: maxFieldBytes, parts: limits.maxFiles + maxFields },
    });
  } catch (error) {
    request.resume();
    return Promise.resolve(refusal('VALIDATION_FAILED', { detail: error instanceof Error ? error.message : 'malformed multipart body' }));
  }
  return new Promise((done) => {
    const fields: Record<string, string> = {};
    const files: UploadedFile[] = [];
    let refused: Refusal | undefined;
    const refuse = (r: Refusal) => (refused ??= r);
    parser.on('field', (name, value, info) => {
      const problem = unstorableText({ [name]: value }, '(form)');
      if (info.valueTruncated) refuse(refusal('BODY_TOO_LARGE', { limit: maxFieldBytes }));
      else if (problem) refuse(refusal('VALIDATION_FAILED', { detail: problem }));
      else fields[name] = value;
    });
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (!refused) chunks.push(chunk);
      });
      // A body cut off inside a file part fails the file's own stream: unheard, that error would
      // bring the whole service down (found by the boundary fuzzer).
      stream.on('error', (error: Error) => refuse(refusal('VALIDATION_FAILED', { detail: `the upload broke off (${error.message})` })));
      stream.on('limit', () => refuse(refusal('PHOTO_TOO_LARGE', { name: info.filename ?? field, limitMb: +(limits.maxFileBytes / 1_048_576).toFixed(1) })));
      stream.on('end', () => {
        if (!refused) files.push({ field, filename: info.filename ?? field, declaredType: info.mimeType, bytes: Buffer.concat(chunks) });
      });
    });
    parser.on('filesLimit', () => refuse(refusal('TOO_MANY_PHOTOS', { limit: limits.maxFiles })));
    parser.on('fieldsLimit', () => refuse(refusal('VALIDATION_FAILED', { detail: `more than ${maxFields} fields` })));
    parser.on('partsLimit', () => refuse(refusal('VALIDATION_FAILED', { detail: 'too many parts' })));
    parser.on('error', (error: unknown) => {
      request.unpipe(parser);
      request.resume();
      done(refusal('VALIDATION_FAILED', { detail: error instanceof Error ? error.message : 'malformed multipart body' }));
    });
    parser.on('close', () => done(refused ?? { ok: true, value: { fields, files } }));
    request.pipe(parser);
  });
}
