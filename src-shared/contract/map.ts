import { z } from 'zod';
import { DATUMS, type Datum } from '../geo/datum';

/**
 * What the 3D city view reads from the case service: how to draw the base map (bundled offline
 * imagery, or a deployment's own WMTS / XYZ imagery and 3D Tiles buildings) and the district's
 * vector layers. Checked on receipt: the map is often on another machine than the service.
 */

const datum = z.enum(DATUMS);
const httpUrl = z.url({ protocol: /^https?$/ });

export const imagerySettingsSchema = z.discriminatedUnion('kind', [
  /** Cesium's NaturalEarthII, shipped with the app: levels 0–2 only, so the district's own vectors carry the city. */
  z.object({ kind: z.literal('bundled') }),
  /** An XYZ tile service, e.g. https://tiles.example.gov.cn/{z}/{x}/{y}.png */
  z.object({
    kind: z.literal('xyz'),
    url: httpUrl.refine((u) => u.includes('{z}') && u.includes('{x}') && u.includes('{y}'), 'an XYZ URL needs {z}, {x} and {y}'),
    maximumLevel: z.number().int().min(0).max(22).default(18),
    datum: datum.default('WGS84'),
    credit: z.string().max(200).optional(),
  }),
  /** An OGC WMTS (e.g. Tianditu, ArcGIS Server, GeoServer). */
  z.object({
    kind: z.literal('wmts'),
    url: httpUrl,
    layer: z.string().min(1).max(100),
    style: z.string().max(100).default('default'),
    tileMatrixSetID: z.string().min(1).max(100),
    format: z.string().max(50).default('image/png'),
    maximumLevel: z.number().int().min(0).max(22).default(18),
    datum: datum.default('WGS84'),
    credit: z.string().max(200).optional(),
  }),
]);
export type ImagerySettings = z.infer<typeof imagerySettingsSchema>;

export const mapSettingsSchema = z.object({
  /** The datum of the district data (grids, components, cameras, case places). */
  districtDatum: datum.default('GCJ02'),
  imagery: imagerySettingsSchema.default({ kind: 'bundled' }),
  /** A 3D Tiles tileset.json of the district's buildings (real deployments). */
  buildingsUrl: httpUrl.optional(),
});
export type MapSettings = z.infer<typeof mapSettingsSchema>;

/** The datum the map draws in: the imagery's (WGS84 for the bundled imagery; a service says its own). */
export function displayDatum(settings: MapSettings): Datum {
  return settings.imagery.kind === 'bundled' ? 'WGS84' : settings.imagery.datum;
}

const ring = z.array(z.array(z.number()).min(2).max(3)).min(4);
const polygon = z.array(ring).min(1);

export const districtMapSchema = z.object({
  name: z.string(),
  boundary: polygon,
  streets: z.array(z.object({ code: z.string(), name: z.string(), polygon })),
  communities: z.array(z.object({ code: z.string(), name: z.string(), streetCode: z.string(), polygon })),
  grids: z.array(
    z.object({
      code: z.string().regex(/^\d{14}$/),
      type: z.enum(['A', 'B', 'C']),
      communityCode: z.string(),
      streetCode: z.string(),
      polygon,
      centroid: z.tuple([z.number(), z.number()]),
      supervisorId: z.string(),
    }),
  ),
});
export type DistrictMap = z.infer<typeof districtMapSchema>;

/** `GET /api/district/map`: the base-map settings and the district's boundaries and grids. */
export const districtMapAnswerSchema = z.object({ ok: z.literal(true), settings: mapSettingsSchema, district: districtMapSchema });
export type DistrictMapAnswer = z.infer<typeof districtMapAnswerSchema>;

/** `GET /api/district/components`: rows, not objects (20,000 components ≈ 1.3 MB). */
export const componentRowsAnswerSchema = z.object({
  ok: z.literal(true),
  columns: z.tuple([z.literal('code'), z.literal('kindCode'), z.literal('lon'), z.literal('lat'), z.literal('gridCode')]),
  rows: z.array(z.tuple([z.string(), z.string(), z.number(), z.number(), z.string()])),
});
export type ComponentRowsAnswer = z.infer<typeof componentRowsAnswerSchema>;
