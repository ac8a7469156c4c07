import { bucketAllowed, bucketFor, previousPeriod, TREND_BUCKETS, type KpiArea } from '../../../src-shared/kpi/board';
import { KPI_GROUP_BY, type KpiGroupBy, type Period } from '../../../src-shared/kpi/formulas';
import type { District } from '../../../src-shared/district/types';
import type { Scope } from '../../../src-server/store/case-store';
import type { Queryable, SqlValue } from '../../../src-server/store/db';
import { queryBreakdown } from '../../../src-server/store/kpi-breakdowns';
import { queryKpiList } from '../../../src-server/store/kpi-lists';
import { districtLabels, queryKpis } from '../../../src-server/store/kpi-queries';
import { queryTrend } from '../../../src-server/store/kpi-trends';

/**
 * The KPI board's queries, as the socket handlers make them (src-server/realtime/socket-server.ts,
 * kpi:*): the same store functions with the same options, for a leader (the whole district in
 * scope). The board (src-renderer/features/kpi/kpi-store.ts) asks for them all at once for the
 * period and drill step on screen.
 */

export type Level = 'district' | 'street' | 'community' | 'grid';

export interface Step {
  level: Level;
  area: KpiArea | undefined;
  /** The grouping the board ranks the level's children by (none below a grid). */
  child: KpiGroupBy | undefined;
}

export interface BoardQuery {
  name: string;
  /** Resolves to the number of rows (groups, buckets, cases) the panel gets. */
  run: (db: Queryable, period: Period, step: Step) => Promise<number>;
  /** Only where the board asks for it (the case list of a grid). */
  levels?: readonly Level[];
  /** Only for periods the service takes it for (kpi:trend refuses an hourly trend beyond a week). */
  allowed?: (period: Period) => boolean;
  /**
   * Whether the board itself asks for it at this step (its load()); the others are what the
   * kpi:* API answers to anyone who asks, e.g. every grid of the district ranked for a year.
   */
  boardAsks?: (step: Step) => boolean;
}

const LEADER: Scope = { kind: 'all' };
const OPEN_LIST_LIMIT = 50;
const PERIOD_LIST_LIMIT = 200;

export function boardQueries(district: District): BoardQuery[] {
  const label = districtLabels(district);
  const area = (step: Step) => (step.area ? { area: step.area } : {});
  return [
    { name: 'indicators + channel mix', run: async (db, period, step) => (await queryKpis(db, { period, scope: LEADER, label, ...area(step) })).length },
    ...KPI_GROUP_BY.map(
      (groupBy): BoardQuery => ({
        name: `ranking by ${groupBy}`,
        run: async (db, period, step) => (await queryKpis(db, { period, scope: LEADER, label, groupBy, ...area(step) })).length,
        // The board ranks the step's children (streets of the district, communities of a street…) and the departments.
        boardAsks: (step) => groupBy === step.child || groupBy === 'department',
      }),
    ),
    ...TREND_BUCKETS.map(
      (bucket): BoardQuery => ({
        name: `trend by ${bucket}`,
        run: async (db, period, step) => (await queryTrend(db, { period, bucket, scope: LEADER, ...area(step) })).length,
        allowed: (period) => bucketAllowed(period, bucket),
      }),
    ),
    { name: 'category breakdown', run: async (db, period, step) => (await queryBreakdown(db, { period, by: 'category', scope: LEADER, ...area(step) })).length },
    { name: 'channel breakdown', run: async (db, period, step) => (await queryBreakdown(db, { period, by: 'channel', scope: LEADER, ...area(step) })).length },
    { name: 'overdue list', run: async (db, period, step) => (await queryKpiList(db, { list: 'overdue', asOf: period.asOf, limit: OPEN_LIST_LIMIT, scope: LEADER, ...area(step) })).total },
    { name: 'supervised (督办) list', run: async (db, period, step) => (await queryKpiList(db, { list: 'supervised', asOf: period.asOf, limit: OPEN_LIST_LIMIT, scope: LEADER, ...area(step) })).total },
    {
      name: 'case list of the drill-down',
      levels: ['grid'],
      run: async (db, period, step) => (await queryKpiList(db, { list: 'period', asOf: period.asOf, period, limit: PERIOD_LIST_LIMIT, scope: LEADER, ...area(step) })).total,
    },
  ];
}

/**
 * Everything the board's `load()` asks for at once for a period and drill step: each ranking
 * for the period and the previous one, the trend in the bucket the period reads best in, the
 * categories, the two open lists and, on a grid, its cases. Resolves when the last answer is in.
 */
export async function boardLoad(db: Queryable, period: Period, step: Step, district: District): Promise<void> {
  const label = districtLabels(district);
  const area = step.area ? { area: step.area } : {};
  const compared = (groupBy: KpiGroupBy | undefined, inArea: boolean) =>
    [period, previousPeriod(period)].map((p) => queryKpis(db, { period: p, scope: LEADER, label, ...(groupBy ? { groupBy } : {}), ...(inArea ? area : {}) }));
  await Promise.all([
    ...compared(undefined, false),
    ...(step.child ? compared(step.child, true) : []),
    ...(step.area ? compared(undefined, true) : []),
    ...compared('department', true),
    queryTrend(db, { period, bucket: bucketFor(period), scope: LEADER, ...area }),
    queryBreakdown(db, { period, by: 'category', scope: LEADER, ...area }),
    queryKpiList(db, { list: 'overdue', asOf: period.asOf, limit: OPEN_LIST_LIMIT, scope: LEADER, ...area }),
    queryKpiList(db, { list: 'supervised', asOf: period.asOf, limit: OPEN_LIST_LIMIT, scope: LEADER, ...area }),
    ...(step.level === 'grid' ? [queryKpiList(db, { list: 'period', asOf: period.asOf, period, limit: PERIOD_LIST_LIMIT, scope: LEADER, ...area })] : []),
  ]);
}

/** A Queryable that remembers the statements of the last call, to EXPLAIN a slow one. */
export class StatementLog implements Queryable {
  readonly dialect;
  statements: { sql: string; params: readonly SqlValue[] }[] = [];

  constructor(private readonly db: Queryable) {
    this.dialect = db.dialect;
  }

  all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    this.statements.push({ sql, params });
    return this.db.all<T>(sql, params);
  }

  get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    this.statements.push({ sql, params });
    return this.db.get<T>(sql, params);
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    this.statements.push({ sql, params });
    return this.db.run(sql, params);
  }
}
