import type { ApiRoute } from '../http/server';
import { HttpAnswer } from '../http/server';
import { readMultipart } from '../http/request-body';
import { authenticatePerson } from './callers';
import { refusalAnswer } from './http-status';
import type { IntakeDeps } from './options';
import { cleanPhotos, PhotoStore } from './photos';

/**
 * Photos for a step of the loop that is not a new report: a department's after-photo with its
 * feedback, a supervisor's check photo, a camera frame as evidence. Uploaded (and cleaned of all
 * metadata) first, then named by id in the command; the commit attaches them to the case, and
 * the hourly sweep removes any that no command ever named.
 */
export function photoUploadRoutes(deps: IntakeDeps): ApiRoute[] {
  const { service, people, options, logger } = deps;
  const store = new PhotoStore(service.store.db);
  return [
    {
      method: 'POST',
      path: '/api/photos',
      async answer(request, { query }) {
        const who = authenticatePerson(request, query, people);
        if (!who.ok) {
          request.resume();
          return refusalAnswer(who);
        }
        const body = await readMultipart(request, { maxFileBytes: options.maxPhotoBytes, maxFiles: options.maxPhotosPerReport });
        if (!body.ok) return refusalAnswer(body);
        const cleaned = await cleanPhotos(body.value.files, options.photoLongEdgePx);
        if (!cleaned.ok) return refusalAnswer(cleaned);
        const ids = await store.putPending(cleaned.photos, who.user.id, service.now());
        logger.info({ userId: who.user.id, photos: ids.length }, 'photos uploaded');
        return HttpAnswer.json(201, { ok: true, photoIds: ids });
      },
    },
  ];
}
