import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseState } from '../../../src-shared/domain/case';
import { breakdown, BREAKDOWN_BY, inArea, listCases, trend, TREND_BUCKETS, type BreakdownBy, type KpiArea, type TrendBucket } from '../../../src-shared/kpi/board';
import type { Period } from '../../../src-shared/kpi/formulas';
import { inScope, type Scope } from '../../../src-server/store/case-store';
import { fromJson } from '../../../src-server/store/db';
import { queryBreakdown } from '../../../src-server/store/kpi-breakdowns';
import { queryKpiList } from '../../../src-server/store/kpi-lists';
import { queryTrend } from '../../../src-server/store/kpi-trends';
import { DemoClock } from '../../../src-server/simulator/clock';
import { Simulator } from '../../../src-server/simulator/simulator';
import { SYSTEM_ACTOR } from '../../../src-server/service/deadline-watcher';
import { demoDistrict, DIALECTS, newCommandId, startTestService, type TestService } from '../support/case-service';

/**
 * The board's trend, breakdowns and lists in SQL agree with the pure definitions in
 * src-shared/kpi/board.ts over the same cases: two days and a half of a struggling district
 * (late, supervised, overdue cases), periods that cut buckets in the middle, every bucket size.
 */

const START = new Date('2026-03-08T20:00:00+08:00'); // a Sunday evening in Beijing: the run spans two ISO weeks
const HOUR = 3_600_000;
const at = (hours: number) => new Date(START.getTime() + hours * HOUR).toISOString();
const END_HOURS = 52;

const PERIODS: Record<string, Period> = {
  'the whole run, as of its end': { from: at(-24), to: at(END_HOURS + 1), asOf: at(END_HOURS) },
  'cut mid-hour, asOf inside': { from: '2026-03-09T09:30:00.250+08:00', to: at(40), asOf: at(30) },
  'asOf well after the period': { from: at(2), to: at(14), asOf: at(END_HOURS) },
  // The daily rollup answers whole Beijing days before asOf's day (days and weeks); the rest comes from `cases`.
  'whole days (the rollup counts both)': { from: '2026-03-09T00:00:00+08:00', to: '2026-03-11T00:00:00+08:00', asOf: at(END_HOURS) },
  'asOf on the third day, two whole days before it': { from: at(-24), to: at(END_HOURS + 1), asOf: '2026-03-10T15:00:00+08:00' },
};

function kpiScoped(cases: readonly CaseState[], scope: Scope): CaseState[] {
  if (scope.kind === 'all') return [...cases];
  if (scope.kind === 'grids') return cases.filter((c) => scope.gridCodes.includes(c.place.gridCode));
  return cases.filter((c) => c.leadDepartmentId === scope.departmentId);
}

describe.each(DIALECTS)('KPI board queries agree with board.ts (%s)', (dialect) => {
  let svc: TestService;
  let cases: CaseState[];
  let busiest: string;

  beforeAll(async () => {
    const clock = new DemoClock({ start: START, held: true });
    svc = await startTestService(dialect, { clock: () => clock.now() });
    const sim = new Simulator(svc.parts.service, await demoDistrict(), { seed: 11, profile: 'struggling', ratePerDay: 400, clock });
    await sim.backfill(START, new Date(START.getTime() + END_HOURS * HOUR));
    const load = async () => (await svc.parts.db.all<{ state: unknown }>('SELECT state FROM cases')).map((r) => fromJson<CaseState>(r.state));
    // The deadline watcher does not run in a backfill: flag some open cases for supervision (督办) as it would.
    const open = (await load()).filter((c) => c.closedAt === undefined && c.stage !== 'rejected' && c.stage !== 'duplicate');
    for (const c of open.filter((_c, i) => i % 7 === 0).slice(0, 12)) {
      const answer = await svc.parts.service.execute({ commandId: newCommandId(), caseId: c.id, type: 'flagSupervision', payload: { reason: '超期未处置' } }, SYSTEM_ACTOR);
      expect(answer.ok, JSON.stringify(answer)).toBe(true);
    }
    cases = await load();
    const counts = new Map<string, number>();
    for (const c of cases) if (c.leadDepartmentId) counts.set(c.leadDepartmentId, (counts.get(c.leadDepartmentId) ?? 0) + 1);
    busiest = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  }, 240_000);

  afterAll(async () => {
    await svc?.close();
  });

  it('the run has what the panels show', () => {
    expect(cases.length).toBeGreaterThan(500);
    expect(cases.some((c) => c.supervised && c.closedAt === undefined)).toBe(true);
    expect(cases.some((c) => c.late.handle === true && c.closedAt !== undefined)).toBe(true);
    expect(new Set(cases.map((c) => c.categoryCode)).size).toBeGreaterThan(10);
  });

  for (const [name, period] of Object.entries(PERIODS)) {
    for (const bucket of TREND_BUCKETS as readonly TrendBucket[]) {
      it(`trend by ${bucket}: ${name}`, async () => {
        for (const scope of [{ kind: 'all' }, { kind: 'department', departmentId: busiest }] as Scope[]) {
          const sql = await queryTrend(svc.parts.db, { period, bucket, scope });
          expect(sql).toEqual(trend(kpiScoped(cases, scope), period, bucket));
          if (scope.kind === 'all') expect(sql.reduce((s, p) => s + p.reported + p.due, 0)).toBeGreaterThan(20);
        }
      });
    }
    it(`breakdowns: ${name}`, async () => {
      for (const by of BREAKDOWN_BY as readonly BreakdownBy[]) {
        for (const scope of [{ kind: 'all' }, { kind: 'department', departmentId: busiest }] as Scope[]) {
          const sql = await queryBreakdown(svc.parts.db, { period, by, scope });
          expect(sql).toEqual(breakdown(kpiScoped(cases, scope), period, by));
        }
      }
    });
  }

  it('the trend counts a case due in two buckets in each, once per bucket', async () => {
    const period = PERIODS['the whole run, as of its end'] as Period;
    const points = await queryTrend(svc.parts.db, { period, bucket: 'hour', scope: { kind: 'all' } });
    const dueSum = points.reduce((s, p) => s + p.due, 0);
    const closedLate = cases.filter((c) => c.closedAt && c.deadlines.handle && c.closedAt.slice(0, 13) !== c.deadlines.handle.slice(0, 13));
    expect(closedLate.length).toBeGreaterThan(0);
    expect(dueSum).toBeGreaterThan(0);
  });

  it('overdue and supervised lists: the same cases in the same order, for a leader and a department', async () => {
    const asOf = at(END_HOURS);
    for (const list of ['overdue', 'supervised'] as const) {
      for (const scope of [{ kind: 'all' }, { kind: 'department', departmentId: busiest }] as Scope[]) {
        const expected = listCases(cases.filter((c) => inScope(c, scope)), list, asOf);
        const page = await queryKpiList(svc.parts.db, { list, asOf, scope, limit: 200 });
        expect(page.total, `${list} ${scope.kind}`).toBe(expected.length);
        expect(page.cases.map((c) => c.id)).toEqual(expected.slice(0, 200).map((c) => c.id));
        if (scope.kind === 'all') expect(expected.length).toBeGreaterThan(0);
      }
    }
  });

  describe('an area (the board\'s drill step)', () => {
    const areas = (): KpiArea[] => {
      const busiest = (key: (c: CaseState) => string) => {
        const counts = new Map<string, number>();
        for (const c of cases) counts.set(key(c), (counts.get(key(c)) ?? 0) + 1);
        return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] as string;
      };
      return [{ streetCode: busiest((c) => c.place.streetCode) }, { communityCode: busiest((c) => c.place.communityCode) }, { gridCode: busiest((c) => c.place.gridCode) }];
    };
    const scopes = (): Scope[] => [{ kind: 'all' }, { kind: 'department', departmentId: busiest }];

    it('trend and breakdowns count only the area\'s cases', async () => {
      for (const period of Object.values(PERIODS)) {
        for (const area of areas()) {
          for (const scope of scopes()) {
            const mine = kpiScoped(cases, scope).filter((c) => inArea(c, area));
            for (const bucket of TREND_BUCKETS as readonly TrendBucket[]) {
              expect(await queryTrend(svc.parts.db, { period, bucket, scope, area })).toEqual(trend(mine, period, bucket));
            }
            for (const by of BREAKDOWN_BY as readonly BreakdownBy[]) {
              expect(await queryBreakdown(svc.parts.db, { period, by, scope, area })).toEqual(breakdown(mine, period, by));
            }
          }
        }
      }
      const period = PERIODS['the whole run, as of its end'] as Period;
      const [street] = areas();
      const inStreet = await queryTrend(svc.parts.db, { period, bucket: 'day', scope: { kind: 'all' }, ...(street ? { area: street } : {}) });
      const all = await queryTrend(svc.parts.db, { period, bucket: 'day', scope: { kind: 'all' } });
      const sum = (points: typeof all) => points.reduce((s, p) => s + p.reported, 0);
      expect(sum(inStreet)).toBeGreaterThan(0);
      expect(sum(inStreet)).toBeLessThan(sum(all));
    });

    it('overdue, supervised and period lists: the same cases in the same order', async () => {
      const asOf = at(END_HOURS);
      for (const area of areas()) {
        for (const scope of scopes()) {
          const mine = cases.filter((c) => inScope(c, scope) && inArea(c, area));
          for (const list of ['overdue', 'supervised'] as const) {
            const expected = listCases(mine, list, asOf);
            const page = await queryKpiList(svc.parts.db, { list, asOf, scope, limit: 200, area });
            expect(page.total, `${list} ${scope.kind} ${JSON.stringify(area)}`).toBe(expected.length);
            expect(page.cases.map((c) => c.id)).toEqual(expected.slice(0, 200).map((c) => c.id));
          }
          for (const period of Object.values(PERIODS)) {
            const expected = listCases(mine, 'period', period.asOf, period);
            const page = await queryKpiList(svc.parts.db, { list: 'period', asOf: period.asOf, period, scope, limit: 200, area });
            expect(page.total, `period ${scope.kind} ${JSON.stringify(area)}`).toBe(expected.length);
            expect(page.cases.map((c) => c.id)).toEqual(expected.slice(0, 200).map((c) => c.id));
            if (scope.kind === 'all' && area.streetCode) expect(expected.length).toBeGreaterThan(0);
          }
        }
      }
      // The grid's period list leaves out the grid's cases the period does not touch.
      const grid = areas()[2] as KpiArea;
      const period = PERIODS['asOf well after the period'] as Period;
      const page = await queryKpiList(svc.parts.db, { list: 'period', asOf: period.asOf, period, scope: { kind: 'all' }, limit: 200, area: grid });
      expect(page.total).toBeLessThan(cases.filter((c) => inArea(c, grid)).length);
    });
  });
});
