import { metresPerDegree } from '../../../src-shared/geo/view-wedge';

/**
 * The scene ring of an emergency (its plan's radius around the case) as a closed ring of
 * [lon, lat], in whatever datum the centre is given: the map passes display coordinates. Small
 * geometry (a few hundred metres), so degrees scale by the latitude's metres per degree.
 */
export function sceneRing(centre: readonly [number, number], radiusMetres: number, steps = 72): [number, number][] {
  const m = metresPerDegree(centre[1]);
  const ring: [number, number][] = [];
  for (let i = 0; i <= steps; i++) {
    const a = (2 * Math.PI * (i % steps)) / steps;
    ring.push([centre[0] + (Math.sin(a) * radiusMetres) / m.lon, centre[1] + (Math.cos(a) * radiusMetres) / m.lat]);
  }
  return ring;
}

/** How far the camera stands back to show the whole ring in a small panel (metres). */
export function sceneViewRange(radiusMetres: number): number {
  return Math.max(600, radiusMetres * 4.5);
}

/** The ring's colours: the duty screen's danger red, the centre dot outlined in white. */
export const SCENE_RING_LINE = '#ff5252';
export const SCENE_CENTRE = '#ffffff';
