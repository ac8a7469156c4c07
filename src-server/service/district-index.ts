import { booleanPointInPolygon } from '@turf/turf';
import type { GridPlace } from '../../src-shared/domain/context';
import type { District, UnitGrid } from '../../src-shared/district/types';

/** Bucket size in degrees (≈ 550 m × 430 m in Beijing): a few grids per bucket. */
const BUCKET = 0.005;

function bucketKey(ix: number, iy: number): string {
  return `${ix}:${iy}`;
}

function toPlace(g: UnitGrid): GridPlace {
  return { gridCode: g.code, communityCode: g.communityCode, streetCode: g.streetCode, centroid: { lon: g.centroid[0], lat: g.centroid[1] } };
}

/**
 * Answers "which unit grid is this point in?" for intake. A bucket index over the grids'
 * bounding boxes keeps it to a handful of point-in-polygon tests per report (turf does the test).
 */
export class DistrictIndex {
  private readonly byCode = new Map<string, UnitGrid>();
  private readonly buckets = new Map<string, UnitGrid[]>();
  private readonly departments: Set<string>;

  constructor(readonly district: District) {
    for (const grid of district.grids) {
      this.byCode.set(grid.code, grid);
      const ring = grid.polygon[0] ?? [];
      const lons = ring.map((p) => p[0] as number);
      const lats = ring.map((p) => p[1] as number);
      for (let ix = Math.floor(Math.min(...lons) / BUCKET); ix <= Math.floor(Math.max(...lons) / BUCKET); ix++) {
        for (let iy = Math.floor(Math.min(...lats) / BUCKET); iy <= Math.floor(Math.max(...lats) / BUCKET); iy++) {
          const key = bucketKey(ix, iy);
          const list = this.buckets.get(key);
          if (list) list.push(grid);
          else this.buckets.set(key, [grid]);
        }
      }
    }
    this.departments = new Set(district.departments.map((d) => d.id));
  }

  grid(code: string): UnitGrid | undefined {
    return this.byCode.get(code);
  }

  gridByCode(code: string): GridPlace | undefined {
    const g = this.byCode.get(code);
    return g && toPlace(g);
  }

  locate(lon: number, lat: number): GridPlace | undefined {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return undefined;
    const candidates = this.buckets.get(bucketKey(Math.floor(lon / BUCKET), Math.floor(lat / BUCKET))) ?? [];
    const hit = candidates.find((g) => booleanPointInPolygon([lon, lat], { type: 'Polygon', coordinates: g.polygon }));
    return hit && toPlace(hit);
  }

  departmentExists(id: string): boolean {
    return this.departments.has(id);
  }
}
