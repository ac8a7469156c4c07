import { area, polygon } from '@turf/turf';
import type { Community, GridType, UnitGrid } from '../../src-shared/district/types';
import { type Rings, interiorPoint, randomPointIn, round2, round6 } from './geometry';
import { readingOrder } from './layout';
import { partition } from './partition';
import { Random, apportion } from './random';

/** Dongcheng's published figure (2004): 1,652 unit grids. We generate exactly that many. */
export const GRID_TOTAL = 1652;
/** Share of unit (A, 单位型) and compound (B, 小区型) grids; the rest are street-lane (C). */
const TYPE_SHARE = { A: 0.12, B: 0.17 };
const GRID_RELAXATION = 2;

export function supervisorIdOf(communityCode: string): string {
  return `supervisor-${communityCode}`;
}

/**
 * Cuts each community into unit grids, as many as its share of the district's area (at least
 * one), numbered '01', '02', … in reading order after the 12-digit community code.
 */
export function layGrids(communities: Community[], seed: number): UnitGrid[] {
  const areas = communities.map((c) => area(polygon(c.polygon)));
  const counts = apportion(GRID_TOTAL, areas, 1);
  const grids: Omit<UnitGrid, 'type'>[] = [];
  communities.forEach((community, ci) => {
    const random = new Random(seed, `grids:${community.code}`);
    const parent = community.polygon as Rings;
    const n = counts[ci] as number;
    const seeds = Array.from({ length: n }, () => randomPointIn(parent, random));
    const cells = n === 1 ? [parent] : readingOrder(partition(parent, seeds, GRID_RELAXATION));
    cells.forEach((cell, i) => {
      const at = interiorPoint(cell);
      grids.push({
        code: community.code + String(i + 1).padStart(2, '0'),
        communityCode: community.code,
        streetCode: community.streetCode,
        polygon: cell,
        centroid: [round6(at[0]), round6(at[1])],
        areaM2: round2(area(polygon(cell))),
        supervisorId: supervisorIdOf(community.code),
      });
    });
  });
  const types = gridTypes(grids.length, new Random(seed, 'grid-types'));
  // Key order matters for byte-identical files: code, type, then the rest.
  return grids.map((g, i) => ({
    code: g.code,
    type: types[i] as GridType,
    communityCode: g.communityCode,
    streetCode: g.streetCode,
    polygon: g.polygon,
    centroid: g.centroid,
    areaM2: g.areaM2,
    supervisorId: g.supervisorId,
  }));
}

/** Exactly round(12 %) A and round(17 %) B, scattered by a seeded shuffle. */
function gridTypes(n: number, random: Random): GridType[] {
  const a = Math.round(n * TYPE_SHARE.A);
  const b = Math.round(n * TYPE_SHARE.B);
  const types: GridType[] = Array.from({ length: n }, (_, i) => (i < a ? 'A' : i < a + b ? 'B' : 'C'));
  return random.shuffle(types);
}
