import type { DistrictSummary, StreetSummary } from '../../src-shared/district-summary';
import type { GridType } from '../../src-shared/district/types';

/**
 * The parts of a `District` the summary reads. Structural on purpose: a full `District` fits, and
 * so does a small hand-made district in a test, without polygons.
 */
export interface SummarisableDistrict {
  meta: { name: string };
  streets: readonly { code: string; name: string }[];
  communities: readonly { code: string; name: string; streetCode: string }[];
  grids: readonly { type: GridType; streetCode: string }[];
  components: readonly { kindCode: string }[];
  cameras: readonly unknown[];
  departments: readonly unknown[];
  users: readonly unknown[];
}

/** Counts what was actually loaded (not `meta.counts`), so a truncated file shows up as such. */
export function summarizeDistrict(district: SummarisableDistrict): DistrictSummary {
  const gridTypes: Record<GridType, number> = { A: 0, B: 0, C: 0 };
  const perStreet = new Map<string, { communities: number; grids: number }>(
    district.streets.map((street) => [street.code, { communities: 0, grids: 0 }]),
  );
  for (const community of district.communities) {
    const tally = perStreet.get(community.streetCode);
    if (tally) tally.communities += 1;
  }
  for (const grid of district.grids) {
    gridTypes[grid.type] += 1;
    const tally = perStreet.get(grid.streetCode);
    if (tally) tally.grids += 1;
  }
  const byStreet: StreetSummary[] = district.streets.map((street) => ({
    code: street.code,
    name: street.name,
    communities: perStreet.get(street.code)?.communities ?? 0,
    grids: perStreet.get(street.code)?.grids ?? 0,
  }));
  return {
    name: district.meta.name,
    streets: district.streets.length,
    communities: district.communities.length,
    grids: district.grids.length,
    gridTypes,
    components: district.components.length,
    componentKinds: new Set(district.components.map((component) => component.kindCode)).size,
    cameras: district.cameras.length,
    departments: district.departments.length,
    users: district.users.length,
    byStreet,
    communityNames: district.communities.map((c) => ({ code: c.code, name: c.name, streetCode: c.streetCode })),
  };
}
