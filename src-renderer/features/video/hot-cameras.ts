import type { CameraFeed } from '../../../src-shared/contract/video';
import type { CaseState } from '../../../src-shared/domain/case';
import { isOpenStage } from '../../../src-shared/domain/stages';

/**
 * The cameras where the work is: those that see the grids where open cases concentrate (a
 * camera scores the open cases of the grids it sees), best first, only cameras with a stream.
 * Ties go by camera id, so the choice is stable from one look to the next. The big screen's
 * camera row and a camera wall's first open both start from it.
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
