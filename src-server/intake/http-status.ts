import type { ErrorCode, Refusal } from '../../src-shared/errors';
import type { CommandAnswer } from '../service/case-service';
import { HttpAnswer } from '../http/server';

/**
 * The one place refusal codes become HTTP statuses: 400 malformed, 401/403 who, 404 unknown thing
 * in the URL, 409 conflict, 413 too large, 415 wrong type, 422 a well-formed request the domain
 * refuses (outside the district, unknown category or grid, wrong stage), 500 our fault.
 * Codes not listed are domain refusals (422): a code added later lands there until someone decides.
 */
const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  LOCATION_REQUIRED: 400,
  NOT_AUTHENTICATED: 401,
  SIGN_IN_FAILED: 401,
  SESSION_EXPIRED: 401,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_DISABLED: 403,
  DEMO_SIGN_IN_OFF: 401,
  ADMIN_ONLY: 403,
  USERNAME_TAKEN: 409,
  UNKNOWN_ACCOUNT: 404,
  API_KEY_INVALID: 403,
  ROLE_NOT_ALLOWED: 403,
  READ_ONLY_ROLE: 403,
  NOT_YOUR_DEPARTMENT: 403,
  REVEAL_NOT_ALLOWED: 403,
  CASE_NOT_FOUND: 404,
  PHOTO_NOT_FOUND: 404,
  UNKNOWN_CAMERA: 404,
  SERVICE_NOT_FOUND: 404,
  REQUEST_NOT_FOUND: 404,
  NO_REPORTER_CONTACT: 404,
  VERSION_CONFLICT: 409,
  CASE_EXISTS: 409,
  COMMAND_ID_IN_USE: 409,
  BODY_TOO_LARGE: 413,
  PHOTO_TOO_LARGE: 413,
  TOO_MANY_PHOTOS: 413,
  PHOTO_TYPE: 415,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL: 500,
};

export function httpStatusOf(code: ErrorCode): number {
  return STATUS_BY_CODE[code] ?? 422;
}

/** A refusal as our own clients read it: `{ ok: false, code, message: { zh, en } }` (details dropped: they may hold state). */
export function refusalAnswer(r: Refusal, headers: Record<string, string> = {}): HttpAnswer {
  const extra = httpStatusOf(r.code) === 401 ? { 'www-authenticate': 'Bearer', ...headers } : headers;
  return HttpAnswer.json(httpStatusOf(r.code), { ok: false, code: r.code, message: r.message }, extra);
}

/**
 * A report's answer: 201 with the new case, 200 when it is the answer to an earlier identical
 * request (a retry), or the refusal.
 */
export function reportAnswer(answer: CommandAnswer): HttpAnswer {
  if (!answer.ok) return refusalAnswer(answer);
  const s = answer.state;
  return HttpAnswer.json(answer.duplicate ? 200 : 201, {
    ok: true,
    caseId: s.id,
    number: s.number,
    stage: s.stage,
    ...(s.duplicateOf ? { duplicateOf: s.duplicateOf } : {}),
    ...(answer.duplicate ? { replayed: true } : {}),
  });
}
