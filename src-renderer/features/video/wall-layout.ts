import type { CameraFeed } from '../../../src-shared/contract/video';

/**
 * The wall's arrangement, as plain data and pure functions (unit-tested; the store and the
 * components only call these): how many tiles a layout has, which camera is on which tile, and
 * how the camera list is grouped and searched.
 */
export const LAYOUTS = [1, 4, 9, 16, '1+5', '1+7'] as const;
export type WallLayout = (typeof LAYOUTS)[number];
export const MAX_TILES = 16;

/** The even grids: what the wall grows to by itself (a case's cameras, a tour keep their size). */
const GRID_LAYOUTS = [1, 4, 9, 16] as const satisfies readonly WallLayout[];

/**
 * Each layout as a square grid of `size` × `size` cells. The custom splits (1+5, 1+7) give
 * tile 0 a block of `big` × `big` cells in the top-left corner (the camera that matters now,
 * large) and fill the column to its right and the row below it with small tiles, as the
 * splits of video-wall controllers do.
 */
const SPECS: Record<WallLayout, { size: number; big: number }> = {
  1: { size: 1, big: 1 },
  4: { size: 2, big: 1 },
  9: { size: 3, big: 1 },
  16: { size: 4, big: 1 },
  '1+5': { size: 3, big: 2 },
  '1+7': { size: 4, big: 3 },
};

export function isWallLayout(value: unknown): value is WallLayout {
  return (typeof value === 'number' || typeof value === 'string') && (LAYOUTS as readonly unknown[]).includes(value);
}

/** Cells per row (and per column): 1, 2, 3, 4. */
export function columnsOf(layout: WallLayout): number {
  return SPECS[layout].size;
}

/** How many tiles the layout shows: 1, 4, 9, 16, 6 (1+5), 8 (1+7). */
export function tileCount(layout: WallLayout): number {
  const { size, big } = SPECS[layout];
  return size * size - big * big + 1;
}

/** Where a tile sits, as CSS grid lines (1-based, `span` for the big tile). */
export interface TilePlacement {
  gridRow: string;
  gridColumn: string;
}

/**
 * The grid placement of every visible tile, in tile order. Even grids fill row by row; in a
 * split, tile 0 is the big block, then the small tiles go down the column to its right and
 * along the row(s) below, left to right — reading order, so tile 1 is the first small one.
 */
export function placements(layout: WallLayout): TilePlacement[] {
  const { size, big } = SPECS[layout];
  const at = (row: number, column: number, span = 1): TilePlacement => ({
    gridRow: span > 1 ? `${row} / span ${span}` : `${row}`,
    gridColumn: span > 1 ? `${column} / span ${span}` : `${column}`,
  });
  if (big === 1) return Array.from({ length: size * size }, (_, i) => at(Math.floor(i / size) + 1, (i % size) + 1));
  const out = [at(1, 1, big)];
  for (let row = 1; row <= size; row++) {
    for (let column = 1; column <= size; column++) {
      if (row <= big && column <= big) continue; // inside the big tile
      out.push(at(row, column));
    }
  }
  return out;
}

/** Camera ids by tile; always MAX_TILES long (a smaller layout keeps the others for when it grows). */
export type TileAssignment = readonly (string | null)[];

export function emptyTiles(): (string | null)[] {
  return Array.from({ length: MAX_TILES }, () => null);
}

/** Puts a camera on a tile; the camera leaves any other tile it was on (one player per stream). */
export function assignTile(tiles: TileAssignment, tile: number, cameraId: string | null): (string | null)[] {
  const next = tiles.map((id) => (id === cameraId ? null : id));
  if (tile >= 0 && tile < MAX_TILES) next[tile] = cameraId;
  return next;
}

/**
 * Where a camera goes when asked for without a tile (a click in the list, `camera:show`): where
 * it already is, else the first empty visible tile, else the selected tile.
 */
export function tileFor(tiles: TileAssignment, layout: WallLayout, cameraId: string, selected: number): number {
  const visible = tiles.slice(0, tileCount(layout));
  const already = visible.indexOf(cameraId);
  if (already >= 0) return already;
  const empty = visible.indexOf(null);
  if (empty >= 0) return empty;
  return selected >= 0 && selected < visible.length ? selected : 0;
}

/** The smallest even grid that shows `count` tiles (capped at 4×4): a split is the operator's choice. */
export function layoutFor(count: number): WallLayout {
  return GRID_LAYOUTS.find((l) => l >= count) ?? 16;
}

/** Cameras that see a grid (a selected case's grid). */
export function camerasSeeing(cameras: readonly CameraFeed[], gridCode: string): CameraFeed[] {
  return cameras.filter((c) => c.gridCodes.includes(gridCode));
}

/** The street part of a camera's name ('东华门街道-王府井大街-03' → '东华门街道'). */
export function streetLabel(camera: Pick<CameraFeed, 'name' | 'streetCode'>): string {
  return camera.name.split('-')[0] || camera.streetCode;
}

export interface StreetGroup {
  streetCode: string;
  label: string;
  cameras: CameraFeed[];
}

/** Search by camera id, name or grid code (any of the words), grouped by street in code order. */
export function groupByStreet(cameras: readonly CameraFeed[], query: string): StreetGroup[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (c: CameraFeed) =>
    words.every((w) => c.id.toLowerCase().includes(w) || c.name.toLowerCase().includes(w) || c.gridCodes.some((g) => g.startsWith(w)));
  const groups = new Map<string, StreetGroup>();
  for (const camera of cameras) {
    if (!matches(camera)) continue;
    let group = groups.get(camera.streetCode);
    if (!group) groups.set(camera.streetCode, (group = { streetCode: camera.streetCode, label: streetLabel(camera), cameras: [] }));
    group.cameras.push(camera);
  }
  return [...groups.values()].sort((a, b) => a.streetCode.localeCompare(b.streetCode));
}

/** Step `step` of a tour over `ids`: the next page of `size` cameras, wrapping round. */
export function tourPage(ids: readonly string[], size: number, step: number): string[] {
  if (ids.length === 0 || size <= 0) return [];
  const pages = Math.ceil(ids.length / size);
  const start = (((step % pages) + pages) % pages) * size;
  return ids.slice(start, start + size);
}

/** A named arrangement an operator saves and recalls ("王府井夜间", "两会安保"). */
export interface WallPreset {
  name: string;
  layout: WallLayout;
  tiles: (string | null)[];
}

/** Presets from storage: anything malformed is dropped, not trusted. */
export function parsePresets(text: string | null): WallPreset[] {
  if (!text) return [];
  try {
    const raw: unknown = JSON.parse(text);
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((p: unknown) => {
      if (typeof p !== 'object' || p === null) return [];
      const { name, layout, tiles } = p as Record<string, unknown>;
      if (typeof name !== 'string' || !name || !isWallLayout(layout) || !Array.isArray(tiles)) return [];
      const clean = emptyTiles().map((_, i) => (typeof tiles[i] === 'string' ? (tiles[i] as string) : null));
      return [{ name: name.slice(0, 40), layout, tiles: clean }];
    });
  } catch {
    return [];
  }
}

export function savePreset(presets: readonly WallPreset[], preset: WallPreset): WallPreset[] {
  return [...presets.filter((p) => p.name !== preset.name), preset].sort((a, b) => a.name.localeCompare(b.name));
}
