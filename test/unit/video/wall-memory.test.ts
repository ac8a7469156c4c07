import { describe, expect, it } from 'vitest';
import type { CameraFeed } from '../../../src-shared/contract/video';
import type { CaseState } from '../../../src-shared/domain/case';
import type { Stage } from '../../../src-shared/domain/stages';
import { firstWall, parseWall, serialiseWall, wallKeyOf, withoutMissing } from '../../../src-renderer/features/video/wall-memory';
import { emptyTiles } from '../../../src-renderer/features/video/wall-layout';
import { caseAt } from '../domain/fixtures';

const camera = (id: string, gridCodes: string[], hlsUrl: string | null = `/video/${id}/index.m3u8`): CameraFeed => ({
  id, name: id, streetCode: '110101001', gridCodes, lon: 116.4, lat: 39.9, headingDeg: 0, fovDeg: 60, rangeM: 100, hlsUrl, live: true,
});
const at = (id: string, gridCode: string, stage: Stage = 'dispatched'): CaseState => {
  const base = caseAt(stage);
  return { ...base, id, place: { ...base.place, gridCode } };
};

describe('a camera wall opens on pictures, then as its user left it', () => {
  const cameras = [camera('c1', ['G9']), camera('c2', ['G2']), camera('c3', ['G1']), camera('c4', ['G1', 'G2']), camera('dark', ['G1'], null), camera('c5', ['G8'])];

  it('first opens on a 2×2 of the cameras of the busiest grids, streams only', () => {
    const cases = [at('1', 'G1'), at('2', 'G1'), at('3', 'G1'), at('4', 'G2'), at('5', 'G9', 'closed')];
    const wall = firstWall(cameras, cases);
    expect(wall.layout).toBe(4);
    // c4 sees G1 and G2 (4 open), c3 sees G1 (3), c2 sees G2 (1); then the quiet ones by id.
    expect(wall.tiles.slice(0, 4)).toEqual(['c4', 'c3', 'c2', 'c1']);
    expect(wall.tiles).toHaveLength(16);
    expect(wall.tiles.slice(4).every((t) => t === null)).toBe(true);
  });

  it('with no open case still fills the tiles it can, in camera order', () => {
    expect(firstWall(cameras, []).tiles.slice(0, 4)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(firstWall([camera('only', ['G1'])], []).tiles.slice(0, 4)).toEqual(['only', null, null, null]);
  });

  it('keeps one arrangement per user and reads back what it wrote', () => {
    expect(wallKeyOf('dispatcher-1')).not.toBe(wallKeyOf('dispatcher-2'));
    const tiles = emptyTiles();
    tiles[0] = 'c3';
    tiles[5] = 'c1';
    expect(parseWall(serialiseWall({ layout: '1+5', tiles }))).toEqual({ layout: '1+5', tiles });
  });

  it('treats a malformed or foreign stored value as no arrangement', () => {
    for (const text of [null, '', '{', '[]', '{"layout":7,"tiles":[]}', '{"name":"current","layout":4}']) expect(parseWall(text)).toBeNull();
  });

  it('drops cameras the district no longer has from a remembered wall', () => {
    const tiles = emptyTiles();
    tiles[0] = 'gone';
    tiles[1] = 'c2';
    const known = new Map(cameras.map((c) => [c.id, c]));
    expect(withoutMissing({ layout: 4, tiles }, known).tiles.slice(0, 2)).toEqual([null, 'c2']);
  });
});
