import { CHANNEL_NAMES, CHANNELS, type Channel } from '../../src-shared/domain/case';
import type { District } from '../../src-shared/district/types';
import type { BilingualText } from '../../src-shared/i18n-text';
import { KPI_IDS, kpiValue, type ChannelCounts, type KpiGroup, type KpiGroupBy, type KpiId, type Period } from '../../src-shared/kpi/formulas';
import type { KpiArea } from '../../src-shared/kpi/board';
import type { Queryable } from './db';
import { areaCondition, bind, canonicalPeriod, count, deptOf, kpiScopeCondition, n, within } from './kpi-sql';
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

/** The numerator and denominator conditions of each indicator (formulas.ts, function by function). */
const INDICATOR_CONDITIONS: Record<KpiId, { num: string; den: string }> = (() => {
  // isDue ∧ not suspended; closedBy = closed at or before asOf (NULL compares as not).
  const due = `(${within('handle_deadline')} OR ${within('closed_at')}) AND stage <> 'suspended'`;
  const closedBy = `closed_at <= @asOf`;
  const fedBack = within('handled_at');
  const sent = within('sent_to_verify_at');
  // Checked = no longer waiting for the check; a pending check counts once its deadline has passed.
  const verifyDue = `${sent} AND (stage <> 'verifying' OR verify_deadline <= @asOf)`;
  const verifiedOnTime = `${sent} AND stage <> 'verifying' AND late_verify = 0`;
  const dispatched = within('dispatched_at');
  const decided = `channel = 'patrol' AND ${within('reported_at')} AND stage <> 'reported'`;
  const reached = `${within('evaluated_at')} AND evaluation_satisfaction IS NOT NULL AND evaluation_satisfaction <> 'unreachable'`;
  return {
    onTimeClosureRate: { den: due, num: `${due} AND ${closedBy} AND late_handle = 0` },
    closureRate: { den: due, num: `${due} AND ${closedBy}` },
    reworkRate: { den: fedBack, num: `${fedBack} AND rework_count > 0` },
    timelyVerificationRate: { den: verifyDue, num: verifiedOnTime },
    returnRate: { den: dispatched, num: `${dispatched} AND return_count > 0` },
    extensionRate: { den: dispatched, num: `${dispatched} AND extension_count > 0` },
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

  const select: string[] = [groupColumn ? `${groupColumn} AS k` : `'district' AS k`];
  // Aliases are lower case and positional: PostgreSQL folds unquoted names to lower case.
  KPI_IDS.forEach((id, i) => select.push(`${count(INDICATOR_CONDITIONS[id].num)} AS num_${i}`, `${count(INDICATOR_CONDITIONS[id].den)} AS den_${i}`));
  // formulas.ts reportsByChannel: reported in the period; valid = registered (not waiting, rejected or a duplicate).
  for (const ch of CHANNELS) {
    const reported = `channel = '${ch}' AND ${within('reported_at')}`;
    select.push(`${count(reported)} AS ${ch}_reports`, `${count(`${reported} AND stage NOT IN ('reported', 'rejected', 'duplicate')`)} AS ${ch}_valid`);
  }

  const where: string[] = [kpiScopeCondition(options.scope), areaCondition(options.area)];
  // Every denominator (and every report count) needs one of these instants in the period, so
  // this only skips rows that count nowhere, and lets each instant's index narrow the scan.
  const instants = ['handle_deadline', 'closed_at', 'handled_at', 'sent_to_verify_at', 'dispatched_at', 'reported_at', 'evaluated_at'];
  where.push(`(${instants.map(within).join(' OR ')})`);

  const text = `SELECT ${select.join(',\n  ')}\nFROM cases WHERE ${where.join(' AND ')}${groupColumn ? ` GROUP BY ${groupColumn} ORDER BY ${groupColumn}` : ''}`;
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
