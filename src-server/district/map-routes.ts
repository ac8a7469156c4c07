import type { ApiRoute } from '../http/server';
import type { ComponentRowsAnswer, DistrictMapAnswer, MapSettings } from '../../src-shared/contract/map';
import type { District } from '../../src-shared/district/types';

/**
 * The 3D city view's data: `GET /api/district/map` (base-map settings, boundaries, grids) and
 * `GET /api/district/components`. Both answers are built once: the district does not change
 * while the service runs. Geometry and component positions are not personal data, so like the
 * district summary they need no caller; who supervises a grid is an id, names come from the
 * people directory over the signed-in socket.
 */
export function districtMapRoutes(district: District, settings: MapSettings): ApiRoute[] {
  const map: DistrictMapAnswer = {
    ok: true,
    settings,
    district: {
      name: district.meta.name,
      boundary: district.boundary,
      streets: district.streets.map(({ code, name, polygon }) => ({ code, name, polygon })),
      communities: district.communities.map(({ code, name, streetCode, polygon }) => ({ code, name, streetCode, polygon })),
      grids: district.grids.map(({ code, type, communityCode, streetCode, polygon, centroid, supervisorId }) => ({
        code,
        type,
        communityCode,
        streetCode,
        polygon,
        centroid,
        supervisorId,
      })),
    },
  };
  const components: ComponentRowsAnswer = {
    ok: true,
    columns: ['code', 'kindCode', 'lon', 'lat', 'gridCode'],
    rows: district.components.map((c) => [c.code, c.kindCode, c.lon, c.lat, c.gridCode]),
  };
  return [
    { method: 'GET', path: '/api/district/map', answer: () => map },
    { method: 'GET', path: '/api/district/components', answer: () => components },
  ];
}
