import { CHANNEL_NAMES, CHANNELS, type Channel } from '../../src-shared/domain/case';
import type { District } from '../../src-shared/district/types';
import type { BilingualText } from '../../src-shared/i18n-text';
import { KPI_IDS, kpiValue, type ChannelCounts, type KpiGroup, type KpiGroupBy, type KpiId, type Period } from '../../src-shared/kpi/formulas';
import type { KpiArea } from '../../src-shared/kpi/board';
import type { Queryable } from './db';
import { areaCondition, bind, canonicalPeriod, count, deptOf, keepApart, kpiScopeCondition, n, within } from './kpi-sql';
import type { Scope } from './case-store';

/**
 * The evaluation indicators counted by the database: the same numerators and denominators as
 * src-shared/kpi/formulas.ts, over the projection columns of migration 4, in one grouped query.
 * Each SQL condition below mirrors one predicate there; keep them side by side when either
 * changes (test/integration/kpi checks that they agree on both dialects).
 */

export interface KpiQueryOptions {
  period: Period;
  /** Without it, one group: the whole scope ('district'). */
  groupBy?: KpiGroupBy;
  /**
   * Whose figures. A department is evaluated on the cases it leads (lead department), not on
   * the ones it only assists: that is what its handling indicators are about.
   */
  scope: Scope;
  /** The drill step: only the cases of this street, community or grid (board.ts `inArea`). */
  area?: KpiArea;
  /** Names for the group keys (see `districtLabels`). */
  label?: (groupBy: KpiGroupBy, key: string | null) => BilingualText | undefined;
}

/** Whitelisted group columns: the only identifiers that reach the SQL text. */
const GROUP_COLUMN: Record<KpiGroupBy, string> = {
  street: 'street_code',
  community: 'community_code',
  grid: 'grid_code',
  department: 'lead_department_id',
  channel: 'channel',
};

/**
 * Each row's facts about the period, computed once per row in an inner query: whether each
 * instant falls in the period (formulas.ts `within`), and the asOf tests. The indicators below
 * combine these flags only, so a row costs 7 range tests instead of one per aggregate (measured
 * on PostgreSQL with 400,000 cases over a year: 5.8 s → 2.1 s).
 */
const INSTANTS = {
  in_hd: 'handle_deadline',
  in_ca: 'closed_at',
  in_ha: 'handled_at',
  in_sv: 'sent_to_verify_at',
  in_da: 'dispatched_at',
  in_ra: 'reported_at',
  in_ea: 'evaluated_at',
} as const;
const ROW_FACTS = [
  ...Object.entries(INSTANTS).map(([flag, column]) => `${within(column)} AS ${flag}`),
  // closedBy = closed at or before asOf (NULL compares as not); a pending check's deadline passed.
  `closed_at <= @asOf AS closed_by`,
  `verify_deadline <= @asOf AS verify_passed`,
  'stage',
  'channel',
  'late_handle',
  'late_verify',
  'rework_count',
  'return_count',
  'extension_count',
  'evaluation_satisfaction',
];

/** The numerator and denominator conditions of each indicator over the row facts (formulas.ts, function by function). */
const INDICATOR_CONDITIONS: Record<KpiId, { num: string; den: string }> = (() => {
  // isDue ∧ not suspended.
  const due = `(in_hd OR in_ca) AND stage <> 'suspended'`;
  // Checked = no longer waiting for the check; a pending check counts once its deadline has passed.
  const verifyDue = `in_sv AND (stage <> 'verifying' OR verify_passed)`;
  const verifiedOnTime = `in_sv AND stage <> 'verifying' AND late_verify = 0`;
  const decided = `channel = 'patrol' AND in_ra AND stage <> 'reported'`;
  const reached = `in_ea AND evaluation_satisfaction IS NOT NULL AND evaluation_satisfaction <> 'unreachable'`;
  return {
    onTimeClosureRate: { den: due, num: `${due} AND closed_by AND late_handle = 0` },
    closureRate: { den: due, num: `${due} AND closed_by` },
    reworkRate: { den: 'in_ha', num: `in_ha AND rework_count > 0` },
    timelyVerificationRate: { den: verifyDue, num: verifiedOnTime },
    returnRate: { den: 'in_da', num: `in_da AND return_count > 0` },
    extensionRate: { den: 'in_da', num: `in_da AND extension_count > 0` },
    reportAccuracy: { den: decided, num: `${decided} AND stage NOT IN ('rejected', 'duplicate')` },
    satisfactionRate: { den: reached, num: `${reached} AND evaluation_satisfaction IN ('satisfied', 'basic')` },
  };
})();

type Row = Record<string, unknown>;

/**
 * The balanced indicators and report counts for a period, per group. Groups with no case
 * touching the period are left out (a board shows them as "no data"); ungrouped, there is
 * always exactly one group.
 */
export async function queryKpis(db: Queryable, options: KpiQueryOptions): Promise<KpiGroup[]> {
  const period: Period = canonicalPeriod(options.period);
  const groupColumn = options.groupBy ? GROUP_COLUMN[options.groupBy] : undefined;

  const select: string[] = [groupColumn ? 'k' : `'district' AS k`];
  // Aliases are lower case and positional: PostgreSQL folds unquoted names to lower case.
  KPI_IDS.forEach((id, i) => select.push(`${count(INDICATOR_CONDITIONS[id].num)} AS num_${i}`, `${count(INDICATOR_CONDITIONS[id].den)} AS den_${i}`));
  // formulas.ts reportsByChannel: reported in the period; valid = registered (not waiting, rejected or a duplicate).
  for (const ch of CHANNELS) {
    const reported = `channel = '${ch}' AND in_ra`;
    select.push(`${count(reported)} AS ${ch}_reports`, `${count(`${reported} AND stage NOT IN ('reported', 'rejected', 'duplicate')`)} AS ${ch}_valid`);
  }

  const where: string[] = [kpiScopeCondition(options.scope), areaCondition(options.area)];
  // Every denominator (and every report count) needs one of these instants in the period, so
  // this only skips rows that count nowhere, and lets each instant's index narrow the scan.
  where.push(`(${Object.values(INSTANTS).map(within).join(' OR ')})`);

  const facts = `SELECT ${[...(groupColumn ? [`${groupColumn} AS k`] : []), ...ROW_FACTS].join(', ')}\n  FROM cases WHERE ${where.join(' AND ')}${keepApart(db.dialect)}`;
  const text = `SELECT ${select.join(',\n  ')}\nFROM (${facts}) facts${groupColumn ? ' GROUP BY k ORDER BY k' : ''}`;
  const { sql, params } = bind(text, { ...period, dept: deptOf(options.scope) });
  const rows = await db.all<Row>(sql, params);
  if (!groupColumn && rows.length === 0) rows.push({ k: 'district' });

  return rows.map((row) => {
    const key = row['k'] === null || row['k'] === undefined ? null : String(row['k']);
    const label = options.groupBy && options.label ? options.label(options.groupBy, key) : undefined;
    const indicators = KPI_IDS.map((id, i) => kpiValue(id, n(row[`num_${i}`]), n(row[`den_${i}`])));
    const reportsByChannel = Object.fromEntries(
      CHANNELS.map((ch) => [ch, { reports: n(row[`${ch}_reports`]), valid: n(row[`${ch}_valid`]) }]),
    ) as ChannelCounts;
    return { key, ...(label ? { label } : {}), indicators, reportsByChannel };
  });
}

/** Group names from the district's files (streets and communities are named in Chinese only). */
export function districtLabels(district: District): (groupBy: KpiGroupBy, key: string | null) => BilingualText | undefined {
  const same = (name: string): BilingualText => ({ zh: name, en: name });
  const names: Record<KpiGroupBy, Map<string, BilingualText>> = {
    street: new Map(district.streets.map((s) => [s.code, same(s.name)])),
    community: new Map(district.communities.map((c) => [c.code, same(c.name)])),
    grid: new Map(),
    department: new Map(district.departments.map((d) => [d.id, d.name])),
    channel: new Map(Object.entries(CHANNEL_NAMES) as [Channel, BilingualText][]),
  };
  return (groupBy, key) => {
    if (key === null) return groupBy === 'department' ? { zh: '未派遣', en: 'Not dispatched' } : undefined;
    return names[groupBy].get(key);
  };
}
