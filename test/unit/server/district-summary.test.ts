import { describe, expect, it } from 'vitest';
import { DistrictSummarySchema } from '../../../src-shared/district-summary';
import { summarizeDistrict, type SummarisableDistrict } from '../../../src-server/district/summary';

const tiny: SummarisableDistrict = {
  meta: { name: '测试区' },
  streets: [
    { code: '110101001', name: '东华门街道' },
    { code: '110101002', name: '景山街道' },
  ],
  communities: [
    { code: '110101001001', name: '多福巷社区', streetCode: '110101001' },
    { code: '110101001002', name: '银闸社区', streetCode: '110101001' },
    { code: '110101002001', name: '景山东街社区', streetCode: '110101002' },
    { code: '999999999001', name: '无主社区', streetCode: '999999999' }, // belongs to no listed street: counted in the total only
  ],
  grids: [
    { type: 'A', streetCode: '110101001' },
    { type: 'C', streetCode: '110101001' },
    { type: 'C', streetCode: '110101002' },
    { type: 'B', streetCode: '999999999' },
  ],
  components: [{ kindCode: 'C0112' }, { kindCode: 'C0112' }, { kindCode: 'C0201' }],
  cameras: [{}, {}],
  departments: [{}],
  users: [{}, {}, {}],
};

describe('summarizeDistrict', () => {
  it('counts what was loaded, per type and per street', () => {
    const summary = summarizeDistrict(tiny);
    expect(summary).toEqual({
      name: '测试区',
      streets: 2,
      communities: 4,
      grids: 4,
      gridTypes: { A: 1, B: 1, C: 2 },
      components: 3,
      componentKinds: 2,
      cameras: 2,
      departments: 1,
      users: 3,
      byStreet: [
        { code: '110101001', name: '东华门街道', communities: 2, grids: 2 },
        { code: '110101002', name: '景山街道', communities: 1, grids: 1 },
      ],
      // Every community's name travels with the summary, so screens never show bare codes.
      communityNames: tiny.communities.map(({ code, name, streetCode }) => ({ code, name, streetCode })),
    });
  });

  it('answers what the shared contract promises the renderer', () => {
    expect(DistrictSummarySchema.safeParse(summarizeDistrict(tiny)).success).toBe(true);
    expect(DistrictSummarySchema.safeParse({ ...summarizeDistrict(tiny), grids: -1 }).success).toBe(false);
  });

  it('keeps an empty street in the list', () => {
    const summary = summarizeDistrict({ ...tiny, communities: [], grids: [] });
    expect(summary.byStreet.map((street) => [street.communities, street.grids])).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });
});
