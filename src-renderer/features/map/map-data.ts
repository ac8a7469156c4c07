import { componentRowsAnswerSchema, displayDatum, districtMapAnswerSchema, type DistrictMap, type MapSettings } from '../../../src-shared/contract/map';
import type { CameraFeed, CameraListAnswer } from '../../../src-shared/contract/video';
import { isRefusal } from '../../../src-shared/errors';
import type { BilingualText } from '../../../src-shared/i18n-text';
import { datumConverter, type DatumConverter } from '../../../src-shared/geo/datum';
import { apiFetch } from '../../app/api';
import type { Bounds } from './city-viewer';
import type { NamedArea } from './layers/boundary-layer';
import type { CameraMark } from './layers/camera-layer';
import type { ComponentPoint } from './layers/component-layer';
import type { GridShape } from './layers/grid-layer';
import type { DisplayRing } from './layers/positions';

/**
 * Everything the city view draws, fetched from the service, checked against the contract and
 * converted ONCE from the district data's datum (GCJ-02 by default) to the imagery's (WGS84 for
 * the bundled imagery and Tianditu; GCJ-02 for AMap-style tiles). Layers only see display
 * coordinates; case places are converted with the same `toDisplay`.
 */
export interface MapScene {
  settings: MapSettings;
  district: DistrictMap;
  toDisplay: DatumConverter;
  bounds: Bounds;
  boundary: DisplayRing;
  streets: NamedArea[];
  communities: NamedArea[];
  grids: GridShape[];
  /** Grid centroids in the display datum (fly-to, search, picking tests). */
  gridCentres: Map<string, readonly [number, number]>;
  cameras: CameraMark[];
  cameraFeeds: CameraFeed[];
}

/** Why the map could not load, in both languages (a refusal from the service, or a bad payload). */
export class MapDataError extends Error {
  constructor(readonly text: BilingualText) {
    super(text.en);
  }
}

function outer(polygon: readonly (readonly (readonly number[])[])[], toDisplay: DatumConverter): DisplayRing {
  return (polygon[0] ?? []).map(([lon = 0, lat = 0]) => toDisplay(lon, lat));
}

function centreOf(ring: DisplayRing): readonly [number, number] {
  // The mean of the vertices: good enough for a label inside the generated convex-ish areas.
  let lon = 0;
  let lat = 0;
  const n = Math.max(1, ring.length - 1);
  for (let i = 0; i < n; i++) {
    lon += ring[i]?.[0] ?? 0;
    lat += ring[i]?.[1] ?? 0;
  }
  return [lon / n, lat / n];
}

export async function loadMapScene(): Promise<MapScene> {
  const [mapAnswer, cameraAnswer] = await Promise.all([apiFetch<unknown>('/api/district/map'), apiFetch<CameraListAnswer>('/api/cameras')]);
  if (isRefusal(mapAnswer)) throw new MapDataError(mapAnswer.message);
  const parsed = districtMapAnswerSchema.safeParse(mapAnswer);
  if (!parsed.success) throw new MapDataError({ zh: '地图数据格式不符', en: 'unexpected district map payload' });
  const { settings, district } = parsed.data;
  const toDisplay = datumConverter(settings.districtDatum, displayDatum(settings));
  const boundary = outer(district.boundary, toDisplay);
  const bounds: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of boundary) {
    bounds[0] = Math.min(bounds[0], lon);
    bounds[1] = Math.min(bounds[1], lat);
    bounds[2] = Math.max(bounds[2], lon);
    bounds[3] = Math.max(bounds[3], lat);
  }
  const named = (areas: readonly { code: string; name: string; polygon: number[][][] }[]): NamedArea[] =>
    areas.map((a) => {
      const ring = outer(a.polygon, toDisplay);
      return { code: a.code, name: a.name, ring, labelAt: centreOf(ring) };
    });
  const gridCentres = new Map<string, readonly [number, number]>();
  const grids = district.grids.map((g) => {
    gridCentres.set(g.code, toDisplay(g.centroid[0], g.centroid[1]));
    return { code: g.code, type: g.type, ring: outer(g.polygon, toDisplay) };
  });
  // Cameras are optional for the map: without them (a refusal) the map still shows the city.
  const cameraFeeds = isRefusal(cameraAnswer) ? [] : cameraAnswer.cameras;
  const cameras = cameraFeeds.map((c) => {
    const [lon, lat] = toDisplay(c.lon, c.lat);
    return { id: c.id, lon, lat, headingDeg: c.headingDeg, fovDeg: c.fovDeg, rangeM: c.rangeM };
  });
  return { settings, district, toDisplay, bounds, boundary, streets: named(district.streets), communities: named(district.communities), grids, gridCentres, cameras, cameraFeeds };
}

/** Components come second (1.3 MB): the city is drawn before they arrive. */
export async function loadComponents(toDisplay: DatumConverter): Promise<ComponentPoint[]> {
  const answer = await apiFetch<unknown>('/api/district/components');
  if (isRefusal(answer)) throw new MapDataError(answer.message);
  const parsed = componentRowsAnswerSchema.safeParse(answer);
  if (!parsed.success) throw new MapDataError({ zh: '部件数据格式不符', en: 'unexpected components payload' });
  return parsed.data.rows.map(([code, kindCode, lon, lat]) => {
    const [x, y] = toDisplay(lon, lat);
    return { code, kindCode, lon: x, lat: y };
  });
}
