import { featureCollection, intersect, point, polygon, union, voronoi } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import {
  type Pt,
  type Rings,
  areaCentroid,
  boxOf,
  clipToConvex,
  outer,
  boxesOverlap,
  planarArea,
  pointInRings,
  roundRings,
  toRings,
} from './geometry';

/**
 * Cuts a polygon into one cell per seed point: Voronoi cells clipped to the parent, optionally
 * relaxed (Lloyd) so the cells come out as compact blocks instead of random slivers.
 *
 * A convex Voronoi cell clipped to a concave parent (the district outline is a staircase of
 * 1/1024° steps) can fall apart into several pieces. Keeping only the largest piece would leave
 * holes in the tiling, so each stray piece is merged into the neighbour it shares the most
 * border with. Coordinates are rounded to 6 decimals *before* merging: neighbours computed the
 * same shared vertex separately, and rounding makes those vertices identical, so the union
 * closes cleanly and the cells still tile the parent exactly (up to the rounding).
 *
 * Every seed must lie inside the parent; then no cell is ever empty, and the output has exactly
 * one single-ring polygon per seed, in seed order.
 */
export function partition(parent: Rings, seeds: Pt[], lloydIterations = 0): Rings[] {
  if (seeds.length === 0) throw new Error('partition needs at least one seed');
  if (seeds.length === 1) return [parent];
  let current = seeds;
  for (let iteration = 0; iteration < lloydIterations; iteration++) {
    current = voronoiCells(parent, current).map((cell, i) => {
      // Only the area centroid matters here, so the fast convex clipper is enough.
      const clipped = clipToConvex(outer(parent), outer(cell));
      const c = clipped.length > 0 ? areaCentroid([clipped]) : (current[i] as Pt);
      // A concave cell's centroid can fall outside the parent: then keep the old seed.
      return pointInRings(c[0], c[1], parent) ? c : (current[i] as Pt);
    });
  }
  return mergeStrays(parent, clipCells(parent, current));
}

/** The (convex) Voronoi cell of each seed, reaching well beyond the parent. */
function voronoiCells(parent: Rings, seeds: Pt[]): Rings[] {
  const [minX, minY, maxX, maxY] = boxOf(parent);
  const margin = Math.max(maxX - minX, maxY - minY);
  const cells = voronoi(featureCollection(seeds.map((s) => point(s))), {
    bbox: [minX - margin, minY - margin, maxX + margin, maxY + margin],
  });
  return seeds.map((seed, i) => {
    const cell = cells.features[i];
    if (!cell) throw new Error(`no Voronoi cell for seed ${i} at ${seed.join(',')} (duplicate seed?)`);
    return toRings(cell.geometry.coordinates);
  });
}

/** Voronoi around the seeds, each cell clipped to the parent: the pieces of each cell. */
function clipCells(parent: Rings, seeds: Pt[]): Rings[][] {
  const parentFeature = polygon(parent);
  return voronoiCells(parent, seeds).map((cell, i) => {
    const clipped = intersect(featureCollection([polygon(cell), parentFeature]));
    if (!clipped) throw new Error(`Voronoi cell ${i} does not meet the parent (seed outside it?)`);
    return piecesOf(clipped);
  });
}

function piecesOf(feature: Feature<Polygon | MultiPolygon>): Rings[] {
  const g = feature.geometry;
  return g.type === 'Polygon' ? [toRings(g.coordinates)] : g.coordinates.map((p) => toRings(p));
}

interface Stray {
  rings: Rings;
  from: number;
}

function mergeStrays(parent: Rings, cells: Rings[][]): Rings[] {
  const mains: Rings[] = [];
  let strays: Stray[] = [];
  cells.forEach((pieces, i) => {
    const rounded = pieces
      .map((p) => roundRings(p))
      .filter((p): p is Rings => p !== undefined)
      .sort((a, b) => planarArea(b) - planarArea(a));
    const [main, ...rest] = rounded;
    if (!main) throw new Error(`cell ${i} vanished when rounded`);
    mains.push(main);
    for (const r of rest) strays.push({ rings: r, from: i });
  });
  // Strays may only touch other strays at first; retry until nothing more merges.
  for (let progress = true; strays.length > 0 && progress; ) {
    progress = false;
    const left: Stray[] = [];
    for (const stray of strays) {
      const merged = mergeIntoNeighbour(stray, mains);
      if (merged) progress = true;
      else left.push(stray);
    }
    strays = left;
  }
  // Whatever still cannot merge is a sliver thinner than the rounding: dropping it costs nothing.
  const lost = strays.reduce((sum, s) => sum + planarArea(s.rings), 0);
  if (lost > planarArea(parent) * 1e-5) throw new Error(`partition lost ${lost} deg² in stray pieces`);
  return mains;
}

function mergeIntoNeighbour(stray: Stray, mains: Rings[]): boolean {
  const box = boxOf(stray.rings);
  const strayKeys = new Set(stray.rings.flat().map(key));
  const candidates = mains
    .map((rings, i) => ({ i, shared: boxesOverlap(box, boxOf(rings)) ? sharedVertices(strayKeys, rings) : 0 }))
    .filter((c) => c.shared >= 2)
    .sort((a, b) => b.shared - a.shared || a.i - b.i);
  for (const { i } of candidates) {
    const result = union(featureCollection([polygon(mains[i] as Rings), polygon(stray.rings)]));
    if (!result || result.geometry.type !== 'Polygon') continue;
    const rings = roundRings(toRings(result.geometry.coordinates));
    if (!rings || rings.length !== 1) continue;
    mains[i] = rings;
    return true;
  }
  return false;
}

const key = (p: Pt): string => `${p[0]},${p[1]}`;

function sharedVertices(keys: Set<string>, rings: Rings): number {
  let n = 0;
  for (const p of rings[0] ?? []) if (keys.has(key(p))) n++;
  return n;
}
