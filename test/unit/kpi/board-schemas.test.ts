import { describe, expect, it } from 'vitest';
import { kpiBreakdownSchema, kpiCasesSchema, kpiTrendSchema } from '../../../src-shared/contract/socket';

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
});
