/**
 * Small local geometry in degrees, good to centimetres over a district (≈ 10 km): shared by the
 * district generator (which grids a camera sees) and the map (the wedge it draws), so both
 * agree on what a camera sees.
 */
export type Position = [lon: number, lat: number];

/** Metres per degree of longitude and latitude at a latitude (spherical approximation). */
export function metresPerDegree(lat: number): { lon: number; lat: number } {
  return { lon: 111_320 * Math.cos((lat * Math.PI) / 180), lat: 110_574 };
}

/**
 * A camera's view as a polygon: apex at the camera, an arc at `rangeM` from heading − fov/2
 * to heading + fov/2 (degrees clockwise from north), in steps of at most 10°. One closed ring.
 */
export function viewWedge(at: Position, headingDeg: number, fovDeg: number, rangeM: number): Position[][] {
  const m = metresPerDegree(at[1]);
  const steps = Math.max(2, Math.ceil(fovDeg / 10));
  const ring: Position[] = [at];
  for (let s = 0; s <= steps; s++) {
    const bearing = ((headingDeg - fovDeg / 2 + (fovDeg * s) / steps) * Math.PI) / 180;
    ring.push([at[0] + (Math.sin(bearing) * rangeM) / m.lon, at[1] + (Math.cos(bearing) * rangeM) / m.lat]);
  }
  ring.push(at);
  return [ring];
}

/** Distance in metres between two nearby points (equirectangular; exact enough within a district). */
export function metresBetween(a: Position, b: Position): number {
  const m = metresPerDegree((a[1] + b[1]) / 2);
  return Math.hypot((a[0] - b[0]) * m.lon, (a[1] - b[1]) * m.lat);
}
