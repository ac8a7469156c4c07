import { Cartesian3 } from 'cesium';

/** A ring of [lon, lat] in the display datum (already converted from the district's datum). */
export type DisplayRing = readonly (readonly [number, number])[];

/** Ring → Cartesian positions on the ellipsoid, without the closing duplicate Cesium does not want. */
export function positionsOf(ring: DisplayRing, height = 0): Cartesian3[] {
  const open = ring.length > 1 && ring[0]?.[0] === ring[ring.length - 1]?.[0] && ring[0]?.[1] === ring[ring.length - 1]?.[1] ? ring.slice(0, -1) : ring;
  return open.map(([lon, lat]) => Cartesian3.fromDegrees(lon, lat, height));
}
