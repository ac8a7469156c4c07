import type { CameraFeed } from '../../../src-shared/contract/video';

/**
 * The wall's arrangement, as plain data and pure functions (unit-tested; the store and the
 * components only call these): how many tiles a layout has, which camera is on which tile, and
 * how the camera list is grouped and searched.
 */
export const LAYOUTS = [1, 4, 9, 16] as const;
export type WallLayout = (typeof LAYOUTS)[number];
export const MAX_TILES = 16;

export function isWallLayout(value: unknown): value is WallLayout {
  return typeof value === 'number' && (LAYOUTS as readonly number[]).includes(value);
}

/** Tiles per row: 1, 2, 3, 4. */
export function columnsOf(layout: WallLayout): number {
  return Math.sqrt(layout);
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
  const visible = tiles.slice(0, layout);
  const already = visible.indexOf(cameraId);
  if (already >= 0) return already;
  const empty = visible.indexOf(null);
  if (empty >= 0) return empty;
  return selected >= 0 && selected < layout ? selected : 0;
}

/** The smallest layout that shows `count` tiles (capped at 4×4). */
export function layoutFor(count: number): WallLayout {
  return LAYOUTS.find((l) => l >= count) ?? 16;
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
