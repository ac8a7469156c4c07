import { describe, expect, it } from 'vitest';
import type { CameraFeed } from '../../../src-shared/contract/video';
import {
  assignTile,
  camerasSeeing,
  columnsOf,
  emptyTiles,
  groupByStreet,
  isWallLayout,
  layoutFor,
  parsePresets,
  placements,
  savePreset,
  tileCount,
  tileFor,
  tourPage,
} from '../../../src-renderer/features/video/wall-layout';
import { healthOf, retryDelayMs } from '../../../src-renderer/features/video/tile-health';
import { videoMessages } from '../../../src-renderer/features/video/i18n';
import { cameraNumber, encoderArgs, sceneFor } from '../../../src-server/video/demo-scenes';

const camera = (id: string, name: string, streetCode: string, gridCodes: string[]): CameraFeed => ({
  id, name, streetCode, gridCodes, lon: 116.4, lat: 39.9, headingDeg: 0, fovDeg: 60, rangeM: 100, hlsUrl: `/video/${id}/index.m3u8`, live: true,
});
const CAMERAS = [
  camera('cam-0001', '东华门街道-王府井大街-01', '110101001', ['11010100100101']),
  camera('cam-0002', '东华门街道-南河沿大街-01', '110101001', ['11010100100101', '11010100100102']),
  camera('cam-0003', '景山街道-景山前街-01', '110101002', ['11010100200101']),
];

describe('wall layout', () => {
  it('puts a camera on one tile only, the first empty visible one, else the selected one', () => {
    let tiles = emptyTiles();
    expect(columnsOf(9)).toBe(3);
    tiles = assignTile(tiles, tileFor(tiles, 4, 'cam-0001', 0), 'cam-0001');
    tiles = assignTile(tiles, tileFor(tiles, 4, 'cam-0002', 0), 'cam-0002');
    expect(tiles.slice(0, 3)).toEqual(['cam-0001', 'cam-0002', null]);
    expect(tileFor(tiles, 4, 'cam-0002', 3)).toBe(1);
    tiles = assignTile(tiles, 3, 'cam-0001');
    expect(tiles.slice(0, 4)).toEqual([null, 'cam-0002', null, 'cam-0001']);
    expect(tileFor(['a', 'b', 'c', 'd', ...emptyTiles().slice(4)], 4, 'x', 2)).toBe(2);
    expect(tileFor(['a', ...emptyTiles().slice(1)], 1, 'x', 5)).toBe(0);
    expect(assignTile(tiles, 99, 'cam-0002')[1]).toBeNull();
  });

  it('grows to the smallest even grid that fits (a split is only ever chosen by the operator)', () => {
    expect([0, 1, 2, 4, 5, 6, 9, 10, 30].map(layoutFor)).toEqual([1, 1, 4, 4, 9, 9, 9, 16, 16]);
  });

  it('places the even grids row by row', () => {
    expect(placements(4)).toEqual([
      { gridRow: '1', gridColumn: '1' },
      { gridRow: '1', gridColumn: '2' },
      { gridRow: '2', gridColumn: '1' },
      { gridRow: '2', gridColumn: '2' },
    ]);
    expect(placements(16)).toHaveLength(16);
    expect(placements(16)[7]).toEqual({ gridRow: '2', gridColumn: '4' });
    expect([1, 4, 9, 16].map((l) => tileCount(l as 1 | 4 | 9 | 16))).toEqual([1, 4, 9, 16]);
  });

  it('gives a split one big tile top-left, then the small ones down its right and along the bottom', () => {
    expect(tileCount('1+5')).toBe(6);
    expect(columnsOf('1+5')).toBe(3);
    expect(placements('1+5')).toEqual([
      { gridRow: '1 / span 2', gridColumn: '1 / span 2' },
      { gridRow: '1', gridColumn: '3' },
      { gridRow: '2', gridColumn: '3' },
      { gridRow: '3', gridColumn: '1' },
      { gridRow: '3', gridColumn: '2' },
      { gridRow: '3', gridColumn: '3' },
    ]);
    expect(tileCount('1+7')).toBe(8);
    expect(columnsOf('1+7')).toBe(4);
    const seven = placements('1+7');
    expect(seven[0]).toEqual({ gridRow: '1 / span 3', gridColumn: '1 / span 3' });
    expect(seven.slice(1).map((p) => `${p.gridRow},${p.gridColumn}`)).toEqual(['1,4', '2,4', '3,4', '4,1', '4,2', '4,3', '4,4']);
  });

  it('fills the cells of every layout exactly once (no gap, no overlap)', () => {
    const cells = (p: { gridRow: string; gridColumn: string }) => {
      const [r, rs] = p.gridRow.split(' / span ').map(Number);
      const [c, cs] = p.gridColumn.split(' / span ').map(Number);
      const out: string[] = [];
      for (let i = 0; i < (rs ?? 1); i++) for (let j = 0; j < (cs ?? 1); j++) out.push(`${(r as number) + i},${(c as number) + j}`);
      return out;
    };
    for (const layout of [1, 4, 9, 16, '1+5', '1+7'] as const) {
      const all = placements(layout).flatMap(cells);
      expect(new Set(all).size, String(layout)).toBe(all.length);
      expect(all.length, String(layout)).toBe(columnsOf(layout) ** 2);
      expect(placements(layout), String(layout)).toHaveLength(tileCount(layout));
    }
  });

  it('puts a camera on the first empty tile of a split, and never beyond its tiles', () => {
    const six = ['a', 'b', 'c', 'd', 'e', null, 'g', ...emptyTiles().slice(7)];
    expect(tileFor(six, '1+5', 'x', 0)).toBe(5);
    const full = ['a', 'b', 'c', 'd', 'e', 'f', null, ...emptyTiles().slice(7)];
    expect(tileFor(full, '1+5', 'x', 4)).toBe(4);
    expect(tileFor(full, '1+5', 'x', 6)).toBe(0);
    expect(tourPage(['a', 'b', 'c', 'd', 'e', 'f', 'g'], tileCount('1+5'), 1)).toEqual(['g']);
  });

  it('finds the cameras of a grid and groups a search by street', () => {
    expect(camerasSeeing(CAMERAS, '11010100100101').map((c) => c.id)).toEqual(['cam-0001', 'cam-0002']);
    expect(groupByStreet(CAMERAS, '').map((g) => [g.label, g.cameras.length])).toEqual([['东华门街道', 2], ['景山街道', 1]]);
    expect(groupByStreet(CAMERAS, '南河沿').map((g) => g.cameras.map((c) => c.id))).toEqual([['cam-0002']]);
    expect(groupByStreet(CAMERAS, '110101002').map((g) => g.streetCode)).toEqual(['110101002']);
    expect(groupByStreet(CAMERAS, 'CAM-0003 景山')).toHaveLength(1);
  });

  it('pages a tour round and round', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    expect([0, 1, 2, 3].map((s) => tourPage(ids, 4, s))).toEqual([['a', 'b', 'c', 'd'], ['e'], ['a', 'b', 'c', 'd'], ['e']]);
    expect(tourPage([], 4, 1)).toEqual([]);
  });

  it('keeps presets sorted by name and drops anything malformed from storage', () => {
    const saved = savePreset(savePreset([], { name: '夜间', layout: 4, tiles: emptyTiles() }), { name: 'A', layout: 9, tiles: assignTile(emptyTiles(), 0, 'cam-0001') });
    expect(saved.map((p) => p.name)).toEqual(['A', '夜间']);
    const text = JSON.stringify([...saved, { name: 'bad', layout: 5, tiles: [] }, null, { name: 'odd', layout: 1, tiles: [7, 'cam-0002'] }, { name: 'bad split', layout: '1+6', tiles: [] }]);
    const parsed = parsePresets(text);
    expect(parsed.map((p) => p.name)).toEqual(['A', '夜间', 'odd']);
    expect(parsed[2]?.tiles.slice(0, 2)).toEqual([null, 'cam-0002']);
    // A split survives the trip through storage as it was saved.
    const split = savePreset([], { name: '王府井', layout: '1+5', tiles: assignTile(emptyTiles(), 0, 'cam-0003') });
    expect(parsePresets(JSON.stringify(split))).toEqual([{ name: '王府井', layout: '1+5', tiles: assignTile(emptyTiles(), 0, 'cam-0003') }]);
    expect(parsePresets(JSON.stringify([{ name: 'x', layout: '1+7', tiles: [] }]))[0]?.layout).toBe('1+7');
    expect([1, 16, '1+5', '1+7'].every(isWallLayout)).toBe(true);
    expect(['1', '16', 6, '1+6', null].some(isWallLayout)).toBe(false);
    expect(parsePresets('{oops')).toEqual([]);
    expect(parsePresets('{}')).toEqual([]);
    expect(parsePresets(null)).toEqual([]);
  });
});

describe('tile health', () => {
  const base = { everPlayed: true, msSinceProgress: 0, failures: 0, streamUnreachable: false };
  it('reads playing, buffering, stalled and offline from what the player saw', () => {
    expect(healthOf(base)).toBe('playing');
    expect(healthOf({ ...base, msSinceProgress: 2_000 })).toBe('buffering');
    expect(healthOf({ ...base, msSinceProgress: 5_000 })).toBe('stalled');
    expect(healthOf({ ...base, msSinceProgress: 2_000, streamUnreachable: true })).toBe('offline');
    expect(healthOf({ ...base, failures: 3 })).toBe('offline');
    expect(healthOf({ ...base, everPlayed: false, msSinceProgress: 3_000 })).toBe('starting');
    expect(healthOf({ ...base, everPlayed: false, msSinceProgress: 20_000 })).toBe('stalled');
  });
  it('backs off 1, 2, 4 … 15 s', () => {
    expect([1, 2, 3, 4, 5, 9].map(retryDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 15_000, 15_000]);
  });
});

describe('demo scenes', () => {
  it('gives each camera a stable, distinct scene and a clean burn-in', () => {
    expect(cameraNumber('cam-0042')).toBe(42);
    expect(cameraNumber('gate-x')).toBe(cameraNumber('gate-x'));
    expect(sceneFor('cam-0001').source).toContain('smptebars');
    expect(sceneFor('cam-0002').source).toContain('gradients');
    expect(sceneFor('cam-0001').hue).not.toBe(sceneFor('cam-0005').hue);
    const args = encoderArgs({ cameraId: "cam-01':x", dir: '/tmp/x', fontFile: '/f.ttf' }).join(' ');
    expect(args).toContain("text='cam-01__x  %{localtime}'");
    expect(args).toContain('-pix_fmt yuv420p');
    expect(args).toContain('omit_endlist');
    expect(args).toMatch(/\/tmp\/x\/index\.m3u8$/);
  });
});

describe('video texts', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
  it('has the same keys in Chinese and English', () => {
    expect(keys(videoMessages.en).sort()).toEqual(keys(videoMessages.zh).sort());
  });
});
