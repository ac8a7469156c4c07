import type { ApiRoute } from '../http/server';
import { cameraRoutes } from './camera-alerts';
import { hotlineRoutes } from './hotline';
import { open311Routes } from './open311';
import { photoUploadRoutes } from './photo-uploads';
import { resolveIntakeDeps, type IntakeDepsInput } from './options';
import { reporterContactRoutes } from './reporter-contacts';
import { supervisorReportRoutes } from './supervisor-reports';

export type { IntakeDepsInput as IntakeRouteDeps, IntakeOptions } from './options';
export { DEFAULT_INTAKE_OPTIONS } from './options';
export { PhotoStore } from './photos';

/**
 * Every intake channel over HTTP, as routes for startHttpServer. Each channel ends in
 * CaseService.report, the one write path, so validation, duplicate detection and numbering are
 * the same whoever reports:
 *   POST /api/intake/reports             grid supervisor, multipart with photos
 *   GET  /api/photos/:id                 a stored (cleaned) photo, signed-in users only
 *   POST /api/photos                     after/check/evidence photos, cleaned, named later in a command
 *   POST /api/intake/hotline             12345 hand-off (x-api-key or a signed-in intake operator)
 *   POST /api/intake/camera-alerts       camera gateway AI detection (x-api-key)
 *   GET  /api/cases/:id/reporter         the reporter's contact, masked
 *   POST /api/cases/:id/reporter/reveal  in clear, for intake / dispatcher / duty, logged with a reason
 *   /open311/v2/…                        Open311 GeoReport v2 (services, requests) in JSON
 */
export function intakeRoutes(input: IntakeDepsInput): ApiRoute[] {
  const deps = resolveIntakeDeps({ ...input, logger: input.logger.child({ part: 'intake' }) });
  return [
    ...supervisorReportRoutes(deps),
    ...photoUploadRoutes(deps),
    ...hotlineRoutes(deps),
    ...cameraRoutes(deps),
    ...reporterContactRoutes(deps),
    ...open311Routes(deps),
  ];
}
