import type { CameraFeed } from '../../../src-shared/contract/video';
import type { CaseState } from '../../../src-shared/domain/case';
import { isOpenStage } from '../../../src-shared/domain/stages';

/**
 * Which cameras the wall shows: those that see the grids where open cases concentrate (a
 * camera scores the open cases of the grids it sees), best first, only cameras with a stream.
 * Ties go by camera id, so the choice is stable from one look to the next.
 */
export function hotCameras(cameras: readonly CameraFeed[], cases: Iterable<CaseState>, limit: number): CameraFeed[] {
  const open = new Map<string, number>();
  for (const c of cases) if (isOpenStage(c.stage)) open.set(c.place.gridCode, (open.get(c.place.gridCode) ?? 0) + 1);
  return cameras
    .filter((c) => c.hlsUrl !== null)
    .map((camera) => ({ camera, score: camera.gridCodes.reduce((sum, g) => sum + (open.get(g) ?? 0), 0) }))
    .sort((a, b) => b.score - a.score || (a.camera.id < b.camera.id ? -1 : 1))
    .slice(0, Math.max(0, limit))
    .map((s) => s.camera);
}

/** The cameras in pages of `size` (the camera panel's playlist turns through them). */
export function cameraPages(cameras: readonly CameraFeed[], size: number): CameraFeed[][] {
  const pages: CameraFeed[][] = [];
  const per = Math.max(1, size);
  for (let i = 0; i < cameras.length; i += per) pages.push(cameras.slice(i, i + per));
  return pages;
}
