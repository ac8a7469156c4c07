import type { ApiRoute } from '../http/server';
import { HttpAnswer } from '../http/server';
import { readPhotoForm } from './photo-form';
import type { IntakeDeps } from './options';
import { PhotoStore } from './photos';

/**
 * Photos for a step of the loop that is not a new report: a department's after-photo with its
 * feedback, a supervisor's check photo, a camera frame as evidence. Uploaded (and cleaned of all
 * metadata) first, then named by id in the command; the commit attaches them to the case, and
 * the hourly sweep removes any that no command ever named.
 */
export function photoUploadRoutes(deps: IntakeDeps): ApiRoute[] {
  const { service, logger } = deps;
  const store = new PhotoStore(service.store.db);
  return [
    {
      method: 'POST',
      path: '/api/photos',
      async answer(request, { query }) {
        const form = await readPhotoForm(request, query, deps, () => ({ ok: true, value: null }));
        if (!form.ok) return form.answer;
        const ids = await store.putPending(form.photos, form.user.id, service.now());
        logger.info({ userId: form.user.id, photos: ids.length }, 'photos uploaded');
        return HttpAnswer.json(201, { ok: true, photoIds: ids });
      },
    },
  ];
}
