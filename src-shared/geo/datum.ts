import gcoord from 'gcoord';

/**
 * Geodetic datums the map meets. Chinese public map data (and AMap / Tencent tiles) use GCJ-02,
 * an obfuscated offset of WGS84 by up to ~500 m; Cesium, Tianditu and GPS use WGS84 (CGCS2000
 * differs from WGS84 by centimetres). The conversion happens in this one place, with gcoord (a
 * small, well-kept library of the published GCJ-02 algorithm), never scattered in layers.
 */
export const DATUMS = ['WGS84', 'GCJ02'] as const;
export type Datum = (typeof DATUMS)[number];

export type LonLatPair = [lon: number, lat: number];
export type DatumConverter = (lon: number, lat: number) => LonLatPair;

const CRS = { WGS84: gcoord.WGS84, GCJ02: gcoord.GCJ02 } as const;

/** A converter from one datum to another; the identity when they are the same (no cost per point). */
export function datumConverter(from: Datum, to: Datum): DatumConverter {
  if (from === to) return (lon, lat) => [lon, lat];
  const crsFrom = CRS[from];
  const crsTo = CRS[to];
  return (lon, lat) => {
    const [x, y] = gcoord.transform<[number, number]>([lon, lat], crsFrom, crsTo);
    return [x, y];
  };
}

/** Converts every position of polygon rings (a new array; the input is left alone). */
export function convertRings(rings: readonly (readonly (readonly number[])[])[], convert: DatumConverter): LonLatPair[][] {
  return rings.map((ring) => ring.map(([lon = 0, lat = 0]) => convert(lon, lat)));
}
