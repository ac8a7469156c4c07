import { z } from 'zod';
import type { ApiRoute } from '../http/server';
import { HttpAnswer } from '../http/server';
import { validate } from '../http/request-body';
import { refusal } from '../../src-shared/errors';
import { inScope } from '../store/case-store';
import { actorOf, scopeOf } from '../service/people';
import type { CommandAnswer } from '../service/case-service';
import { authenticatePerson, derivedCommandId } from './callers';
import { externalId, optionalNumber, optionalText, requiredText } from './fields';
import { refusalAnswer, reportAnswer } from './http-status';
import type { IntakeDeps } from './options';
import { PhotoStore, type CleanPhoto } from './photos';
import { readPhotoForm } from './photo-form';

/**
 * 监督员上报: a grid supervisor's report from the mobile terminal, with up to nine photos, as
 * multipart/form-data. Photos are checked and cleaned before anything is stored; the case is
 * created through CaseService.report like every other channel's.
 */

const reportFieldsSchema = z.object({
  categoryCode: requiredText(10),
  description: requiredText(2000),
  lon: optionalNumber,
  lat: optionalNumber,
  gridCode: optionalText(14),
  address: optionalText(200),
  componentCode: optionalText(16),
  /** The terminal's own id for this report: a resend after a dropped connection creates no second case. */
  reportId: externalId.optional(),
});

/**
 * Stores the cleaned photos pending, reports, then attaches them to the case or deletes them:
 * a refused report keeps nothing. Shared with the camera channel.
 */
export async function reportWithPhotos(
  deps: IntakeDeps,
  photos: readonly CleanPhoto[],
  createdBy: string,
  report: (photoIds: string[]) => Promise<CommandAnswer>,
): Promise<CommandAnswer> {
  const store = new PhotoStore(deps.service.store.db);
  const ids = await store.putPending(photos, createdBy, deps.service.now());
  let answer: CommandAnswer | undefined;
  try {
    answer = await report(ids);
  } finally {
    // If reporting threw, nothing refers to the pending photos: they go.
    if (answer) await store.settle(ids, answer);
    else await store.discard(ids);
  }
  return answer;
}

export function supervisorReportRoutes(deps: IntakeDeps): ApiRoute[] {
  const { service, people, logger } = deps;
  const photoStore = new PhotoStore(service.store.db);
  return [
    {
      method: 'POST',
      path: '/api/intake/reports',
      async answer(request, { query }) {
        const form = await readPhotoForm(request, query, deps, (raw) => validate(reportFieldsSchema, raw));
        if (!form.ok) return form.answer;
        const { user, photos, fields: f } = form;
        const actor = actorOf(user);
        const answer = await reportWithPhotos(deps, photos, user.id, (photoIds) =>
          service.report(
            {
              categoryCode: f.categoryCode,
              channel: 'patrol',
              description: f.description,
              ...(f.lon !== undefined ? { lon: f.lon } : {}),
              ...(f.lat !== undefined ? { lat: f.lat } : {}),
              ...(f.gridCode ? { gridCode: f.gridCode } : {}),
              ...(f.address ? { address: f.address } : {}),
              ...(f.componentCode ? { componentCode: f.componentCode } : {}),
              photoIds,
              hasReporterContact: false,
            },
            actor,
            ...(f.reportId ? [derivedCommandId('patrol', user.id, f.reportId)] : []),
          ),
        );
        logger.info(
          {
            userId: user.id,
            ok: answer.ok,
            code: answer.ok ? undefined : answer.code,
            photos: photos.length,
            photoBytes: photos.reduce((sum, p) => sum + p.bytes.byteLength, 0),
            reencodeMs: Math.round(photos.reduce((sum, p) => sum + p.ms, 0)),
          },
          'supervisor report',
        );
        return reportAnswer(answer);
      },
    },
    {
      method: 'GET',
      path: '/api/photos/:id',
      async answer(request, { params, query }) {
        const who = await authenticatePerson(request, query, people);
        if (!who.ok) return refusalAnswer(who);
        const photoId = params['id'] as string;
        const photo = await photoStore.get(photoId);
        // Pending photos belong to no case yet, and a department sees only its own cases' photos.
        const state = photo?.caseId ? await service.store.loadCase(photo.caseId) : undefined;
        if (!photo || !state || !inScope(state, scopeOf(who.user))) return refusalAnswer(refusal('PHOTO_NOT_FOUND', { photoId }));
        // Photos never change (a new photo gets a new id), but they are personal data: private cache only.
        return HttpAnswer.bytes(200, photo.bytes, photo.mime, { 'cache-control': 'private, max-age=86400, immutable' });
      },
    },
  ];
}
