import { describe, expect, it } from 'vitest';
import { kpiBreakdownSchema, kpiCasesSchema, kpiQuerySchema, kpiTrendSchema } from '../../../src-shared/contract/socket';
import { areaOf, bucketAllowed, inArea } from '../../../src-shared/kpi/board';
import type { CaseState } from '../../../src-shared/domain/case';

describe('kpi:trend, kpi:breakdown and kpi:cases requests', () => {
  const day = { from: '2026-03-09T00:00:00+08:00', to: '2026-03-10T00:00:00+08:00' };
  it('accept a period with a bucket or a cut, and a list', () => {
    expect(kpiTrendSchema.safeParse({ ...day, bucket: 'hour' }).success).toBe(true);
    expect(kpiBreakdownSchema.safeParse({ ...day, by: 'category' }).success).toBe(true);
    expect(kpiCasesSchema.parse({ list: 'supervised' })).toEqual({ list: 'supervised', limit: 50 });
  });
  it('refuse a reversed or too long period, an unknown bucket and a huge page', () => {
    expect(kpiTrendSchema.safeParse({ from: day.to, to: day.from, bucket: 'day' }).success).toBe(false);
    expect(kpiBreakdownSchema.safeParse({ from: '2025-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z', by: 'channel' }).success).toBe(false);
    expect(kpiTrendSchema.safeParse({ ...day, bucket: 'minute' }).success).toBe(false);
    expect(kpiCasesSchema.safeParse({ list: 'overdue', limit: 10_000 }).success).toBe(false);
  });
  it('accept an area of well-formed codes on every request, and refuse anything else', () => {
    const area = { streetCode: '110101001', communityCode: '110101001001', gridCode: '11010100100101' };
    expect(kpiQuerySchema.safeParse({ ...day, groupBy: 'grid', area: { communityCode: area.communityCode } }).success).toBe(true);
    expect(kpiTrendSchema.safeParse({ ...day, bucket: 'hour', area }).success).toBe(true);
    expect(kpiBreakdownSchema.safeParse({ ...day, by: 'category', area: {} }).success).toBe(true);
    expect(kpiCasesSchema.safeParse({ list: 'overdue', area: { gridCode: area.gridCode } }).success).toBe(true);
    for (const bad of [{ streetCode: '11010100' }, { communityCode: '110101001' }, { gridCode: "1' OR '1'='1" }, { districtCode: '110101' }, { streetCode: 110101001 }]) {
      expect(kpiTrendSchema.safeParse({ ...day, bucket: 'hour', area: bad }).success, JSON.stringify(bad)).toBe(false);
      expect(kpiCasesSchema.safeParse({ list: 'supervised', area: bad }).success, JSON.stringify(bad)).toBe(false);
      expect(kpiQuerySchema.safeParse({ ...day, area: bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });
  it('an hourly trend covers a week at most; longer periods read by day or week', () => {
    const week = { from: '2026-03-09T00:00:00+08:00', to: '2026-03-16T00:00:00+08:00' };
    const month = { from: '2026-03-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' };
    expect(kpiTrendSchema.safeParse({ ...week, bucket: 'hour' }).success).toBe(true);
    const refused = kpiTrendSchema.safeParse({ ...month, bucket: 'hour' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/hourly trend covers at most 7 days/);
    expect(kpiTrendSchema.safeParse({ ...month, bucket: 'day' }).success).toBe(true);
    expect(bucketAllowed(week, 'hour')).toBe(true);
    expect(bucketAllowed({ ...week, to: '2026-03-16T00:00:00.001+08:00' }, 'hour')).toBe(false);
    expect(bucketAllowed(month, 'week')).toBe(true);
  });
  it("the 'period' list needs a period in order", () => {
    expect(kpiCasesSchema.safeParse({ list: 'period' }).success).toBe(false);
    expect(kpiCasesSchema.safeParse({ list: 'period', from: day.to, to: day.from }).success).toBe(false);
    expect(kpiCasesSchema.safeParse({ list: 'period', ...day, limit: 200 }).success).toBe(true);
  });
  it('an area follows the drill code, and keeps the cases in it', () => {
    expect(areaOf('district')).toBeUndefined();
    expect(areaOf('110101001')).toEqual({ streetCode: '110101001' });
    expect(areaOf('110101001001')).toEqual({ communityCode: '110101001001' });
    expect(areaOf('11010100100101')).toEqual({ gridCode: '11010100100101' });
    const c = { place: { streetCode: '110101001', communityCode: '110101001001', gridCode: '11010100100101' } } as CaseState;
    expect(inArea(c, undefined)).toBe(true);
    expect(inArea(c, { communityCode: '110101001001' })).toBe(true);
    expect(inArea(c, { streetCode: '110101002' })).toBe(false);
    expect(inArea(c, { streetCode: '110101001', gridCode: '11010100100102' })).toBe(false);
  });
});
