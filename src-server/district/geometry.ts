import type { Random } from './random';

/**
 * Plain-array geometry helpers for the generator. Turf does the heavy clipping (voronoi,
 * intersect, union); these small loops do the hot paths (point in polygon for 168k components,
 * wedge/grid overlap for cameras) without wrapping every point in a GeoJSON Feature.
 * Planar maths on lon/lat is fine here: the district is 12 km across, and we only compare
 * areas of neighbours and test containment.
 */
export type Pt = [number, number];
/** A polygon as rings: [outer, ...holes], each ring closed. */
export type Rings = Pt[][];
export type Box = [minX: number, minY: number, maxX: number, maxY: number];

/** 6 decimals of a degree ≈ 0.1 m: finer than anything shown, coarse enough to share vertices. */
export const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;
export const round2 = (v: number): number => Math.round(v * 100) / 100;

export function toPt(position: readonly number[]): Pt {
  const [x, y] = position;
  if (x === undefined || y === undefined) throw new Error('position without two coordinates');
  return [x, y];
}

export function toRings(coordinates: readonly (readonly (readonly number[])[])[]): Rings {
  return coordinates.map((ring) => ring.map(toPt));
}

export function outer(rings: Rings): Pt[] {
  const ring = rings[0];
  if (!ring) throw new Error('polygon without an outer ring');
  return ring;
}

export function boxOf(rings: Rings): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of outer(rings)) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

export function boxesOverlap(a: Box, b: Box): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

function inRing(x: number, y: number, ring: Pt[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Pt;
    const [xj, yj] = ring[j] as Pt;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Even–odd ray casting over all rings, so holes count as outside. */
export function pointInRings(x: number, y: number, rings: Rings): boolean {
  let inside = false;
  for (const ring of rings) if (inRing(x, y, ring)) inside = !inside;
  return inside;
}

/** Signed shoelace area of a ring in degrees² (positive when counter-clockwise). */
function ringArea(ring: Pt[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Pt;
    const [xj, yj] = ring[j] as Pt;
    sum += xj * yi - xi * yj;
  }
  return sum / 2;
}

/** Planar area in degrees² (outer minus holes): good for comparing neighbouring pieces. */
export function planarArea(rings: Rings): number {
  return rings.reduce((sum, ring, i) => sum + (i === 0 ? 1 : -1) * Math.abs(ringArea(ring)), 0);
}

/** Area centroid of the outer ring (holes are rare and small here). */
export function areaCentroid(rings: Rings): Pt {
  const ring = outer(rings);
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Pt;
    const [xj, yj] = ring[j] as Pt;
    const f = xj * yi - xi * yj;
    a += f;
    cx += (xj + xi) * f;
    cy += (yj + yi) * f;
  }
  if (a === 0) return ring[0] as Pt;
  return [cx / (3 * a), cy / (3 * a)];
}

/**
 * A point surely inside the polygon: the area centroid when it is inside, otherwise the middle
 * of the widest span on the horizontal line through it (a concave cell's centroid can fall out).
 */
export function interiorPoint(rings: Rings): Pt {
  const c = areaCentroid(rings);
  if (pointInRings(c[0], c[1], rings)) return c;
  const [, minY, , maxY] = boxOf(rings);
  for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9]) {
    const y = t === 0.5 ? c[1] : minY + t * (maxY - minY);
    const xs: number[] = [];
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i] as Pt;
        const [xj, yj] = ring[j] as Pt;
        if (yi > y !== yj > y) xs.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
      }
    }
    xs.sort((p, q) => p - q);
    let best: Pt | undefined;
    let width = 0;
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const w = (xs[k + 1] as number) - (xs[k] as number);
      if (w > width) {
        width = w;
        best = [((xs[k] as number) + (xs[k + 1] as number)) / 2, y];
      }
    }
    if (best && pointInRings(best[0], best[1], rings)) return best;
  }
  throw new Error('no interior point found');
}

/**
 * Rounds to 6 decimals and drops the repeated vertices rounding creates. Returns undefined
 * when a ring collapses (a sliver thinner than the rounding).
 */
export function roundRings(rings: Rings): Rings | undefined {
  const out: Rings = [];
  for (const ring of rings) {
    const cleaned: Pt[] = [];
    for (const [x, y] of ring) {
      const p: Pt = [round6(x), round6(y)];
      const last = cleaned[cleaned.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) cleaned.push(p);
    }
    const first = cleaned[0];
    const last = cleaned[cleaned.length - 1];
    if (first && last && (first[0] !== last[0] || first[1] !== last[1])) cleaned.push([first[0], first[1]]);
    if (cleaned.length < 4 || ringArea(cleaned) === 0) {
      if (out.length === 0) return undefined;
      continue; // a collapsed hole is simply gone
    }
    out.push(cleaned);
  }
  return out;
}

/** A uniform random point inside the polygon (rejection sampling in its bounding box). */
export function randomPointIn(rings: Rings, random: Random, box: Box = boxOf(rings)): Pt {
  for (let tries = 0; tries < 10_000; tries++) {
    const x = random.float(box[0], box[2]);
    const y = random.float(box[1], box[3]);
    if (pointInRings(x, y, rings)) return [x, y];
  }
  return interiorPoint(rings);
}

/** Metres per degree at a latitude (local equirectangular: plenty for 150 m wedges). */
export { metresPerDegree } from '../../src-shared/geo/view-wedge';

function segmentsCross(a: Pt, b: Pt, c: Pt, d: Pt): boolean {
  const o = (p: Pt, q: Pt, r: Pt): number => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  const d1 = o(c, d, a);
  const d2 = o(c, d, b);
  const d3 = o(a, b, c);
  const d4 = o(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/** True when the two polygons share area: a vertex of one inside the other, or edges crossing. */
export function polygonsOverlap(a: Rings, b: Rings): boolean {
  const ra = outer(a);
  const rb = outer(b);
  if (ra.some(([x, y]) => pointInRings(x, y, b))) return true;
  if (rb.some(([x, y]) => pointInRings(x, y, a))) return true;
  for (let i = 1; i < ra.length; i++) {
    for (let j = 1; j < rb.length; j++) {
      if (segmentsCross(ra[i - 1] as Pt, ra[i] as Pt, rb[j - 1] as Pt, rb[j] as Pt)) return true;
    }
  }
  return false;
}

/**
 * Sutherland–Hodgman: the part of `subject` (any simple ring) inside the convex ring `window`.
 * When the true result has several pieces it comes back joined by zero-area bridges, which do
 * not change its area or area centroid — exactly what Lloyd relaxation needs, at a fraction
 * of the cost of a general polygon clipper.
 */
export function clipToConvex(subject: Pt[], window: Pt[]): Pt[] {
  const ccw = ringArea(window) > 0;
  let output = subject.slice(0, -1);
  for (let i = 0; i + 1 < window.length && output.length > 0; i++) {
    const a = window[i] as Pt;
    const b = window[i + 1] as Pt;
    const side = (p: Pt): number => {
      const cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
      return ccw ? cross : -cross;
    };
    const input = output;
    output = [];
    for (let j = 0; j < input.length; j++) {
      const current = input[j] as Pt;
      const previous = input[(j + input.length - 1) % input.length] as Pt;
      const sc = side(current);
      const sp = side(previous);
      if (sc >= 0) {
        if (sp < 0) output.push(crossing(previous, current, sp, sc));
        output.push(current);
      } else if (sp >= 0) {
        output.push(crossing(previous, current, sp, sc));
      }
    }
  }
  if (output.length < 3) return [];
  return [...output, output[0] as Pt];
}

function crossing(p: Pt, q: Pt, sp: number, sq: number): Pt {
  const t = sp / (sp - sq);
  return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
}
