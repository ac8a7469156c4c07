import type { District, GridType } from '../../src-shared/district/types';
import { DEFAULT_CAMERA_COUNT, placeCameras } from './cameras';
import { DEFAULT_COMPONENT_COUNT, placeComponents } from './components';
import { layGrids } from './grids';
import { layCommunities, layStreets } from './layout';
import { makeDepartments, makeUsers } from './people';
import type { DistrictSource } from './source';

/** The seed of the committed demo district (the year Dongcheng drew its first grids). */
export const DEFAULT_SEED = 2004;

export interface GenerateOptions {
  seed?: number;
  components?: number;
  cameras?: number;
}

/**
 * Builds the whole demo district from the real outline and the official street and community
 * lists. Pure apart from the source it is given: the same source, seed and counts give the
 * same District, down to the last digit.
 */
export function generateDistrict(source: DistrictSource, options: GenerateOptions = {}): District {
  const seed = options.seed ?? DEFAULT_SEED;
  const streets = layStreets(source, seed);
  const communities = layCommunities(source, streets, seed);
  const grids = layGrids(communities, seed);
  const components = placeComponents(grids, options.components ?? DEFAULT_COMPONENT_COUNT, seed);
  const cameras = placeCameras(grids, streets, options.cameras ?? DEFAULT_CAMERA_COUNT, seed);
  const departments = makeDepartments(streets);
  const users = makeUsers(communities, grids, departments, seed);

  const gridsByType: Record<GridType, number> = { A: 0, B: 0, C: 0 };
  for (const g of grids) gridsByType[g.type]++;
  return {
    meta: {
      name: '东城区',
      code: '110101',
      seed,
      generatedBy: 'src-server/district (npm run district)',
      counts: {
        streets: streets.length,
        communities: communities.length,
        grids: grids.length,
        gridsByType,
        components: components.length,
        componentKinds: new Set(components.map((c) => c.kindCode)).size,
        cameras: cameras.length,
        departments: departments.length,
        users: users.length,
      },
    },
    boundary: source.boundary,
    streets,
    communities,
    grids,
    components,
    cameras,
    departments,
    users,
  };
}
