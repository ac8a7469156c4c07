import type { CameraFeed } from '../../../src-shared/contract/video';
import type { CaseState } from '../../../src-shared/domain/case';
import { hotCameras } from './hot-cameras';
import { assignTile, emptyTiles, parsePresets, type WallLayout } from './wall-layout';

/**
 * What a camera wall shows when it opens. A wall nobody has arranged yet must not open on four
 * black tiles asking for a drag: it starts on a 2×2 of the cameras where the work is (the grids
 * with the most open cases the window sees). After that it comes back as its user left it, on
 * this machine: one arrangement per user, so two operators sharing a desk keep their own.
 */
export interface WallArrangement {
  layout: WallLayout;
  tiles: (string | null)[];
}

/** The layout of a first open. */
export const FIRST_LAYOUT: WallLayout = 4;

export function wallKeyOf(userId: string): string {
  return `video.wall.${userId}`;
}

/** A remembered arrangement from storage; anything malformed counts as none. */
export function parseWall(text: string | null): WallArrangement | null {
  if (!text) return null;
  const [saved] = parsePresets(`[${text}]`);
  return saved ? { layout: saved.layout, tiles: saved.tiles } : null;
}

export function serialiseWall(arrangement: WallArrangement): string {
  return JSON.stringify({ name: 'current', layout: arrangement.layout, tiles: arrangement.tiles });
}

/** The first open: the hottest cameras with a stream on a 2×2, in rank order. */
export function firstWall(cameras: readonly CameraFeed[], cases: Iterable<CaseState>): WallArrangement {
  let tiles = emptyTiles();
  hotCameras(cameras, cases, 4).forEach((camera, i) => (tiles = assignTile(tiles, i, camera.id)));
  return { layout: FIRST_LAYOUT, tiles };
}

/** A remembered arrangement without the cameras the district no longer has. */
export function withoutMissing(arrangement: WallArrangement, known: ReadonlyMap<string, unknown>): WallArrangement {
  return { layout: arrangement.layout, tiles: arrangement.tiles.map((id) => (id && known.has(id) ? id : null)) };
}
