import type { Community, Street } from '../../src-shared/district/types';
import { type Pt, type Rings, boxOf, interiorPoint, pointInRings, randomPointIn } from './geometry';
import { partition } from './partition';
import { Random } from './random';
import type { DistrictSource } from './source';

/**
 * Where each street roughly sits, as fractions of the district's bounding box (x from west,
 * y from south), read off the real map: 和平里 north of the 2nd ring, 东华门 by the Forbidden
 * City, 永定门外 in the southern tail. The Voronoi cells around these points come out with
 * sizes close to the real streets' (the big ones, 和平里 and 永定门外, have 20 communities each).
 */
const STREET_ANCHORS: Record<string, Pt> = {
  '110101001': [0.35, 0.464], // 东华门
  '110101002': [0.321, 0.564], // 景山
  '110101003': [0.307, 0.664], // 交道口
  '110101004': [0.321, 0.736], // 安定门
  '110101005': [0.493, 0.721], // 北新桥
  '110101006': [0.479, 0.607], // 东四
  '110101007': [0.65, 0.536], // 朝阳门
  '110101008': [0.607, 0.436], // 建国门
  '110101009': [0.721, 0.707], // 东直门
  '110101010': [0.436, 0.864], // 和平里
  '110101011': [0.35, 0.336], // 前门
  '110101012': [0.521, 0.336], // 崇文门外
  '110101013': [0.721, 0.336], // 东花市
  '110101014': [0.807, 0.221], // 龙潭
  '110101015': [0.607, 0.264], // 体育馆路
  '110101016': [0.393, 0.25], // 天坛
  '110101017': [0.321, 0.093], // 永定门外
};

/** How far (as a fraction of the box) an anchor is moved by the seed, so seeds differ visibly. */
const ANCHOR_JITTER = 0.015;
/** Lloyd iterations for communities: enough to turn random cells into compact blocks. */
const COMMUNITY_RELAXATION = 3;

export function layStreets(source: DistrictSource, seed: number): Street[] {
  const random = new Random(seed, 'streets');
  const [minX, minY, maxX, maxY] = boxOf(source.boundary);
  const seeds = source.streets.map((street) => {
    const anchor = STREET_ANCHORS[street.code];
    if (!anchor) return randomPointIn(source.boundary, random);
    const base: Pt = [minX + anchor[0] * (maxX - minX), minY + anchor[1] * (maxY - minY)];
    for (let tries = 0; tries < 50; tries++) {
      const p: Pt = [
        base[0] + random.float(-1, 1) * ANCHOR_JITTER * (maxX - minX),
        base[1] + random.float(-1, 1) * ANCHOR_JITTER * (maxY - minY),
      ];
      if (pointInRings(p[0], p[1], source.boundary)) return p;
    }
    return pointInRings(base[0], base[1], source.boundary) ? base : randomPointIn(source.boundary, random);
  });
  const cells = partition(source.boundary, seeds);
  return source.streets.map((street, i) => ({ code: street.code, name: street.name, polygon: cells[i] as Rings }));
}

export function layCommunities(source: DistrictSource, streets: Street[], seed: number): Community[] {
  const communities: Community[] = [];
  for (const street of streets) {
    const random = new Random(seed, `communities:${street.code}`);
    const members = source.communities.filter((c) => c.streetCode === street.code);
    if (members.length === 0) continue;
    const parent = street.polygon as Rings;
    const seeds = members.map(() => randomPointIn(parent, random));
    // Official codes go out in reading order (north-west first), so neighbours get near codes.
    const cells = readingOrder(partition(parent, seeds, COMMUNITY_RELAXATION));
    members.forEach((c, i) => {
      communities.push({
        code: c.code,
        name: c.name.replace(/居委会$/, ''),
        streetCode: street.code,
        polygon: cells[i] as Rings,
      });
    });
  }
  return communities;
}

/** Sorts cells north to south in bands ~150 m high, west to east within a band. */
export function readingOrder(cells: Rings[]): Rings[] {
  const band = 0.0014;
  return cells
    .map((rings) => ({ rings, at: interiorPoint(rings) }))
    .sort((a, b) => Math.round(b.at[1] / band) - Math.round(a.at[1] / band) || a.at[0] - b.at[0])
    .map((c) => c.rings);
}
