import { z } from 'zod';
import { categoryByCode } from '../../src-shared/catalog/categories';
import type { Camera } from '../../src-shared/district/types';
import type { Actor } from '../../src-shared/domain/roles';
import { refusal, type Refusal } from '../../src-shared/errors';
import type { ApiRoute } from '../http/server';
import { mediaTypeOf, readFields, readMultipart, validate, type UploadedFile } from '../http/request-body';
import type { DistrictIndex } from '../service/district-index';
import { derivedCommandId, headerValue, isKnownKey } from './callers';
import { optionalNumber, requiredText } from './fields';
import { refusalAnswer, reportAnswer } from './http-status';
import type { IntakeDeps } from './options';
import { cleanPhotos } from './photos';
import { reportWithPhotos } from './supervisor-reports';

/**
 * 视频发现: a camera gateway's AI detection becomes a report at the camera's place, by the
 * service itself (actor system), with the frame as the 'before' photo. Only the kinds the
 * detectors are trained for are accepted, by their name or their catalog code.
 */

export const CAMERA_DETECTABLE_KINDS = {
  'bicycle-parking': 'E0504', // 非机动车乱停放
  'street-vending': 'E0502', // 无照经营游商
  'business-outside-shop': 'E0501', // 店外经营
  'piled-materials': 'E0106', // 乱堆物堆料
  'exposed-garbage': 'E0101', // 暴露垃圾
  'illegal-signboard': 'E0203', // 户外广告 (unauthorised or damaged signboards)
  'overflowing-bin': 'E0109', // 垃圾满溢
  laundry: 'E0107', // 沿街晾晒
  // Urgent kinds video analytics commonly detects (crowd density, smoke / open fire, a fallen
  // tree across a lane): these skip the queue and raise the emergency duty officer's alarm.
  crowd: 'E0406', // 人群聚集
  'smoke-or-fire': 'E0405', // 火灾隐患
  'fallen-tree': 'E0403', // 树木倒伏（道路）
} as const satisfies Record<string, string>;

const DETECTABLE_CODES = new Set<string>(Object.values(CAMERA_DETECTABLE_KINDS));

/** The catalog code of a detectable kind given by name or code; undefined for anything else. */
export function cameraKindCode(kind: string): string | undefined {
  if (kind in CAMERA_DETECTABLE_KINDS) return CAMERA_DETECTABLE_KINDS[kind as keyof typeof CAMERA_DETECTABLE_KINDS];
  return DETECTABLE_CODES.has(kind) ? kind : undefined;
}

const alertSchema = z.object({
  cameraId: requiredText(64),
  kind: requiredText(40),
  detectedAt: z.iso.datetime({ offset: true }),
  confidence: optionalNumber.pipe(z.number().min(0).max(1).optional()),
  /** The frame as base64 JPEG/PNG/WebP (JSON bodies); multipart bodies send it as a file. */
  snapshot: z.string().max(16 * 1024 * 1024).optional(),
});

/**
 * Where the case goes: the camera's own position when it lies in one of the grids it sees,
 * else its first grid (the report then takes that grid's centroid): a pole on the kerb can
 * stand in a grid its lens does not look at.
 */
export function cameraPlace(camera: Camera, district: DistrictIndex): { lon: number; lat: number } | { gridCode: string } {
  const located = district.locate(camera.lon, camera.lat);
  if (located && camera.gridCodes.includes(located.gridCode)) return { lon: camera.lon, lat: camera.lat };
  return { gridCode: camera.gridCodes[0] as string };
}

export function cameraRoutes(deps: IntakeDeps): ApiRoute[] {
  const { service, options, logger } = deps;
  const cameras = new Map(service.district.district.cameras.map((c) => [c.id, c]));
  const jsonLimit = Math.ceil((options.maxPhotoBytes * 4) / 3) + 16 * 1024;

  async function readAlert(request: Parameters<ApiRoute['answer']>[0]): Promise<{ ok: true; alert: z.output<typeof alertSchema>; snapshot?: UploadedFile } | Refusal> {
    if (mediaTypeOf(request) === 'multipart/form-data') {
      const body = await readMultipart(request, { maxFileBytes: options.maxPhotoBytes, maxFiles: 1 });
      if (!body.ok) return body;
      const alert = validate(alertSchema, body.value.fields);
      if (!alert.ok) return alert;
      const snapshot = body.value.files[0];
      return { ok: true, alert: alert.value, ...(snapshot ? { snapshot } : {}) };
    }
    const fields = await readFields(request, ['json'], jsonLimit);
    if (!fields.ok) return fields;
    const alert = validate(alertSchema, fields.value);
    if (!alert.ok) return alert;
    if (alert.value.snapshot === undefined) return { ok: true, alert: alert.value };
    const bytes = Buffer.from(alert.value.snapshot, 'base64');
    if (bytes.byteLength > options.maxPhotoBytes) return refusal('PHOTO_TOO_LARGE', { name: 'snapshot', limitMb: +(options.maxPhotoBytes / 1_048_576).toFixed(1) });
    return { ok: true, alert: alert.value, snapshot: { field: 'snapshot', filename: 'snapshot', declaredType: 'image/jpeg', bytes } };
  }

  return [
    {
      method: 'POST',
      path: '/api/intake/camera-alerts',
      async answer(request) {
        if (!isKnownKey(headerValue(request, 'x-api-key'), options.cameraApiKeys)) {
          request.resume();
          return refusalAnswer(refusal('API_KEY_INVALID'));
        }
        const read = await readAlert(request);
        if (!read.ok) return refusalAnswer(read);
        const { alert } = read;
        const camera = cameras.get(alert.cameraId);
        if (!camera) return refusalAnswer(refusal('UNKNOWN_CAMERA', { cameraId: alert.cameraId }));
        const categoryCode = cameraKindCode(alert.kind);
        if (!categoryCode) return refusalAnswer(refusal('UNKNOWN_CAMERA_KIND', { kind: alert.kind }));
        const cleaned = await cleanPhotos(read.snapshot ? [read.snapshot] : [], options.photoLongEdgePx);
        if (!cleaned.ok) return refusalAnswer(cleaned);

        const actor: Actor = { userId: `camera:${camera.id}`, role: 'system' };
        const name = categoryByCode(categoryCode)?.name.zh ?? categoryCode;
        const confidence = alert.confidence === undefined ? '' : `，置信度 ${Math.round(alert.confidence * 100)}%`;
        const answer = await reportWithPhotos(deps, cleaned.photos, actor.userId, (photoIds) =>
          service.report(
            {
              categoryCode,
              channel: 'camera',
              description: `视频智能识别：${name}（${camera.name}，${beijingClock(alert.detectedAt)}${confidence}）`,
              ...cameraPlace(camera, service.district),
              address: camera.name,
              photoIds,
              hasReporterContact: false,
            },
            actor,
            // The gateway resends an alert it got no answer for: same camera, kind and instant = one case.
            derivedCommandId('camera', camera.id, categoryCode, new Date(alert.detectedAt).toISOString()),
          ),
        );
        logger.info({ cameraId: camera.id, categoryCode, ok: answer.ok, code: answer.ok ? undefined : answer.code }, 'camera alert');
        return reportAnswer(answer);
      },
    },
  ];
}

/** The gateway's instant (any offset) as Beijing wall-clock time, as people at the centre read it. */
export function beijingClock(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}
