import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseState } from '../../../src-shared/domain/case';
import {
  balancedIndicators,
  KPI_GROUP_BY,
  kpiGroupKey,
  reportsByChannel,
  type KpiGroupBy,
  type Period,
} from '../../../src-shared/kpi/formulas';
import { inArea, type KpiArea } from '../../../src-shared/kpi/board';
import type { Scope } from '../../../src-server/store/case-store';
import { fromJson } from '../../../src-server/store/db';
import { queryKpis } from '../../../src-server/store/kpi-queries';
import { kpiColumnsBackfill } from '../../../src-server/store/migrations';
import { DAILY_TABLE_NAMES, DAILY_TABLES, rebuildDaily } from '../../../src-server/store/kpi-daily';
import type { SqlValue } from '../../../src-server/store/db';
import { DemoClock } from '../../../src-server/simulator/clock';
import { Simulator } from '../../../src-server/simulator/simulator';
import type { Actor } from '../../../src-shared/domain/roles';
import { demoDistrict, DIALECTS, newCommandId, startTestService, type TestService } from '../support/case-service';

/**
 * The SQL aggregates must give exactly the numerators and denominators of the pure formulas
 * over the same cases: two days of a struggling district (late, reworked, returned, extended,
 * suspended, evaluated, rejected and duplicate cases, every channel), several periods (asOf
 * inside and after the period, periods written with an offset), every grouping and a
 * department's scope.
 */

const START = new Date('2026-03-09T09:00:00+08:00'); // a Monday morning in Beijing
const HOUR = 3_600_000;
const at = (hours: number) => new Date(START.getTime() + hours * HOUR).toISOString();
const END_HOURS = 48;

const PERIODS: Record<string, Period> = {
  'the whole run, as of its end': { from: at(-24), to: at(END_HOURS + 1), asOf: at(END_HOURS) },
  'a day in the middle, as of its end': { from: at(6), to: at(30), asOf: at(30) },
  'asOf inside the period (later deadlines are not due yet)': { from: at(20), to: at(END_HOURS + 1), asOf: at(30) },
  'asOf well after the period (closed later still counts as closed)': { from: at(0), to: at(12), asOf: at(END_HOURS) },
  // Beijing time with an offset, and sub-second instants: the query must compare canonical text.
  'written with an offset and milliseconds': { from: '2026-03-10T08:30:00+08:00', to: '2026-03-11T08:30:00.5+08:00', asOf: '2026-03-11T00:15:00.123Z' },
  'before anything happened': { from: at(-48), to: at(-24), asOf: at(-24) },
  // The daily rollup answers whole Beijing days before asOf's day; the rest comes from `cases`.
  'whole days, as of the next morning (the rollup counts both)': { from: '2026-03-09T00:00:00+08:00', to: '2026-03-11T00:00:00+08:00', asOf: at(END_HOURS) },
  'asOf on the second day (a closure after asOf\'s day is not closed yet)': { from: at(-24), to: at(END_HOURS + 1), asOf: '2026-03-10T15:00:00+08:00' },
};

const COLUMNS = [
  'handle_deadline',
  'verify_deadline',
  'registered_at',
  'sent_to_verify_at',
  'late_handle',
  'late_verify',
  'rework_count',
  'return_count',
  'extension_count',
  'evaluation_satisfaction',
  'evaluated_at',
];

function inScope(cases: readonly CaseState[], scope: Scope): CaseState[] {
  if (scope.kind === 'all') return [...cases];
  if (scope.kind === 'grids') return cases.filter((c) => scope.gridCodes.includes(c.place.gridCode));
  return cases.filter((c) => c.leadDepartmentId === scope.departmentId);
}

describe.each(DIALECTS)('KPI aggregates in SQL agree with the formulas (%s)', (dialect) => {
  let svc: TestService;
  let cases: CaseState[];

  async function loadAll(): Promise<CaseState[]> {
    const rows = await svc.parts.db.all<{ state: unknown }>('SELECT state FROM cases');
    return rows.map((r) => fromJson<CaseState>(r.state));
  }

  /** Compares every group; returns the sum of the denominators so a vacuous pass shows. */
  async function agree(period: Period, scope: Scope, groupBy?: KpiGroupBy, area?: KpiArea): Promise<number> {
    const groups = await queryKpis(svc.parts.db, { period, scope, ...(groupBy ? { groupBy } : {}), ...(area ? { area } : {}) });
    const mine = inScope(cases, scope).filter((c) => inArea(c, area));
    const byKey = new Map<string | null, CaseState[]>();
    for (const c of mine) {
      const key = groupBy ? kpiGroupKey(c, groupBy) : 'district';
      byKey.set(key, [...(byKey.get(key) ?? []), c]);
    }
    if (!groupBy) expect(groups.map((g) => g.key)).toEqual(['district']);
    let total = 0;
    for (const g of groups) {
      const members = byKey.get(g.key) ?? [];
      expect(g.indicators, `group ${g.key}`).toEqual(balancedIndicators(members, period));
      expect(g.reportsByChannel, `group ${g.key}`).toEqual(reportsByChannel(members, period));
      total += g.indicators.reduce((sum, k) => sum + k.denominator, 0);
    }
    // A group the query leaves out must have nothing to show in the period.
    const shown = new Set(groups.map((g) => g.key));
    for (const [key, members] of byKey) {
      if (shown.has(key)) continue;
      expect(balancedIndicators(members, period).every((k) => k.denominator === 0), `missing group ${key}`).toBe(true);
      expect(Object.values(reportsByChannel(members, period)).every((c) => c.reports === 0), `missing group ${key}`).toBe(true);
    }
    expect(new Set(groups.map((g) => g.key)).size).toBe(groups.length);
    return total;
  }

  beforeAll(async () => {
    const clock = new DemoClock({ start: START, held: true });
    svc = await startTestService(dialect, { clock: () => clock.now() });
    const sim = new Simulator(svc.parts.service, await demoDistrict(), { seed: 7, profile: 'struggling', ratePerDay: 450, clock });
    await sim.backfill(START, new Date(START.getTime() + END_HOURS * HOUR));
    // Granted suspensions end within the run; suspend a few cases at its end so that some are
    // suspended now (the due count leaves them out).
    clock.hold(new Date(at(END_HOURS - 0.5)));
    const accepted = (await loadAll()).filter((c) => c.stage === 'accepted' && !c.leadDepartmentId?.startsWith('street:')).slice(0, 3);
    const execute = async (caseId: string, type: string, payload: object, actor: Actor) => {
      const answer = await svc.parts.service.execute({ commandId: newCommandId(), caseId, type, payload }, actor);
      expect(answer.ok, `${type}: ${JSON.stringify(answer)}`).toBe(true);
    };
    for (const c of accepted) {
      const handler: Actor = { userId: `handler-${c.leadDepartmentId}`, role: 'department', departmentId: c.leadDepartmentId as string };
      await execute(c.id, 'requestSuspension', { reason: '等待产权单位确认' }, handler);
      await execute(c.id, 'decideSuspension', { granted: true }, { userId: 'dispatcher-1', role: 'dispatcher' });
    }
    cases = await loadAll();
  }, 180_000);

  afterAll(async () => {
    await svc?.close();
  });

  it('the run has every edge case the indicators care about', () => {
    const missing: string[] = [];
    const some = (what: string, test: (c: CaseState) => boolean) => {
      if (!cases.some(test)) missing.push(what);
    };
    some('closed on time', (c) => c.stage === 'closed' && !c.late.handle);
    some('closed late', (c) => c.stage === 'closed' && c.late.handle === true);
    some('open past its deadline', (c) => c.late.handle === true && c.closedAt === undefined);
    some('reworked', (c) => c.reworkCount > 0);
    some('returned', (c) => c.returnCount > 0);
    some('extended', (c) => c.extensionCount > 0);
    some('suspended now', (c) => c.stage === 'suspended');
    some('checked late', (c) => c.late.verify === true);
    some('waiting for a check', (c) => c.stage === 'verifying');
    some('rejected', (c) => c.stage === 'rejected');
    some('duplicate', (c) => c.stage === 'duplicate');
    some('waiting to be registered', (c) => c.stage === 'reported');
    some('never dispatched (no lead department)', (c) => c.leadDepartmentId === undefined);
    for (const s of ['satisfied', 'basic', 'dissatisfied', 'unreachable'] as const) some(`evaluated ${s}`, (c) => c.evaluation?.satisfaction === s);
    for (const ch of ['patrol', 'hotline', 'app', 'camera'] as const) some(`channel ${ch}`, (c) => c.channel === ch);
    expect(missing).toEqual([]);
    expect(cases.length).toBeGreaterThan(500);
  });

  it('the daily rollup kept by every commit is the one rebuilt from the cases', async () => {
    const db = svc.parts.db;
    const snapshot = async () => {
      const tables: Record<string, Record<string, unknown>[]> = {};
      for (const table of DAILY_TABLE_NAMES) {
        const { keys, counters } = DAILY_TABLES[table];
        // Rows the write path brought back to zero are left in place; a rebuild never writes them.
        const rows = await db.all<Record<string, unknown>>(`SELECT * FROM ${table} WHERE ${counters.map((c) => `${c} <> 0`).join(' OR ')} ORDER BY ${keys.join(', ')}`);
        tables[table] = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? v : Number(v)])));
      }
      return tables;
    };
    const kept = await snapshot();
    expect(kept['kpi_daily']?.length).toBeGreaterThan(50);
    expect(kept['kpi_due_daily']?.some((r) => r['deadline_day'] !== r['closed_day'] && r['closed_day'] !== '')).toBe(true);
    await db.transaction((tx) => rebuildDaily(tx, 97));
    expect(await snapshot()).toEqual(kept);
  });

  it('whole days come from the rollup (by community where the figures are about communities); a grid or a supervisor\'s grids from the cases', async () => {
    const period = PERIODS['whole days, as of the next morning (the rollup counts both)'] as Period;
    const tablesRead = async (scope: Scope, area?: KpiArea, within: Period = period) => {
      const seen: string[] = [];
      const db = svc.parts.db;
      const spy = { dialect: db.dialect, all: <T,>(sql: string, params?: readonly SqlValue[]) => (seen.push(sql), db.all<T>(sql, params)), get: db.get.bind(db), run: db.run.bind(db) };
      await queryKpis(spy, { period: within, scope, ...(area ? { area } : {}) });
      return seen.map((sql) => /FROM (\w+)/.exec(sql)?.[1]).sort();
    };
    expect(await tablesRead({ kind: 'all' })).toEqual(['cases', 'kpi_daily', 'kpi_due_daily']);
    expect(await tablesRead({ kind: 'all' }, { communityCode: cases[0]?.place.communityCode as string })).toEqual(['cases', 'kpi_community_daily', 'kpi_community_due_daily']);
    expect(await tablesRead({ kind: 'all' }, { gridCode: cases[0]?.place.gridCode as string })).toEqual(['cases']);
    expect(await tablesRead({ kind: 'grids', gridCodes: [cases[0]?.place.gridCode as string] })).toEqual(['cases']);
    // Today alone has no whole day before asOf's: nothing for the rollup.
    const today = { from: '2026-03-11T00:00:00+08:00', to: '2026-03-12T00:00:00+08:00', asOf: at(END_HOURS) };
    expect(await tablesRead({ kind: 'all' }, undefined, today)).toEqual(['cases']);
  });

  it('the migration backfill fills the columns as the write path does', async () => {
    const db = svc.parts.db;
    const snapshot = () => db.all<Record<string, unknown>>(`SELECT id, ${COLUMNS.join(', ')} FROM cases ORDER BY id`);
    const written = await snapshot();
    await db.run(`UPDATE cases SET ${COLUMNS.map((c) => `${c} = ${c.endsWith('_at') || c.endsWith('deadline') || c === 'evaluation_satisfaction' ? 'NULL' : '0'}`).join(', ')}`);
    await db.run(kpiColumnsBackfill(db.dialect));
    expect(await snapshot()).toEqual(written);
  });

  for (const [name, period] of Object.entries(PERIODS)) {
    it(`district and every grouping: ${name}`, async () => {
      const total = await agree(period, { kind: 'all' });
      if (name.startsWith('before')) expect(total).toBe(0);
      else expect(total).toBeGreaterThan(100);
      for (const groupBy of KPI_GROUP_BY) await agree(period, { kind: 'all' }, groupBy);
    });
  }

  it("a department's scope is the cases it leads", async () => {
    const counts = new Map<string, number>();
    for (const c of cases) if (c.leadDepartmentId) counts.set(c.leadDepartmentId, (counts.get(c.leadDepartmentId) ?? 0) + 1);
    const busiest = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([id]) => id);
    const period = PERIODS['the whole run, as of its end'] as Period;
    for (const departmentId of busiest) {
      expect(await agree(period, { kind: 'department', departmentId })).toBeGreaterThan(0);
      for (const groupBy of KPI_GROUP_BY) await agree(period, { kind: 'department', departmentId }, groupBy);
    }
    const [district] = await queryKpis(svc.parts.db, { period, scope: { kind: 'all' } });
    const [one] = await queryKpis(svc.parts.db, { period, scope: { kind: 'department', departmentId: busiest[0] as string } });
    expect(one?.indicators[0]?.denominator).toBeLessThan(district?.indicators[0]?.denominator ?? 0);
  });

  it("a grid supervisor's scope is the cases in their grids", async () => {
    const supervisor = svc.parts.district.district.users.find((u) => u.role === 'supervisor' && cases.some((c) => u.gridCodes?.includes(c.place.gridCode)));
    const gridCodes = supervisor?.gridCodes ?? [];
    const period = PERIODS['the whole run, as of its end'] as Period;
    expect(await agree(period, { kind: 'grids', gridCodes })).toBeGreaterThan(0);
    for (const groupBy of KPI_GROUP_BY) await agree(period, { kind: 'grids', gridCodes }, groupBy);
  });

  it('an area (the board\'s drill step: street, community, grid) keeps the figures to its cases', async () => {
    const period = PERIODS['the whole run, as of its end'] as Period;
    const busiest = (key: (c: CaseState) => string) => {
      const counts = new Map<string, number>();
      for (const c of cases) counts.set(key(c), (counts.get(key(c)) ?? 0) + 1);
      return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] as string;
    };
    const street = busiest((c) => c.place.streetCode);
    const community = busiest((c) => c.place.communityCode);
    const grid = busiest((c) => c.place.gridCode);
    const areas: KpiArea[] = [{ streetCode: street }, { communityCode: community }, { gridCode: grid }, { streetCode: street, communityCode: community }];
    const [district] = await queryKpis(svc.parts.db, { period, scope: { kind: 'all' } });
    for (const area of areas) {
      const total = await agree(period, { kind: 'all' }, undefined, area);
      if (!(area.streetCode && area.communityCode && !area.communityCode.startsWith(area.streetCode))) expect(total, JSON.stringify(area)).toBeGreaterThan(0);
      for (const groupBy of KPI_GROUP_BY) await agree(period, { kind: 'all' }, groupBy, area);
    }
    const [inStreet] = await queryKpis(svc.parts.db, { period, scope: { kind: 'all' }, area: { streetCode: street } });
    expect(inStreet?.indicators[0]?.denominator).toBeLessThan(district?.indicators[0]?.denominator ?? 0);
    // Only the street's communities come back when ranking communities in a street.
    const communities = await queryKpis(svc.parts.db, { period, scope: { kind: 'all' }, groupBy: 'community', area: { streetCode: street } });
    expect(communities.length).toBeGreaterThan(0);
    for (const g of communities) expect(g.key?.startsWith(street)).toBe(true);
    // An area within a department's scope: both apply.
    const departmentId = cases.find((c) => c.place.streetCode === street && c.leadDepartmentId)?.leadDepartmentId as string;
    await agree(period, { kind: 'department', departmentId }, undefined, { streetCode: street });
    await expect(queryKpis(svc.parts.db, { period, scope: { kind: 'all' }, area: { streetCode: "1' OR '1'='1" } })).rejects.toThrow(RangeError);
  });
});
