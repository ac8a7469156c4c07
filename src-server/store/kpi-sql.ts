import { AREA_CODE_PATTERNS, type KpiArea, type TrendBucket } from '../../src-shared/kpi/board';
import type { Period } from '../../src-shared/kpi/formulas';
import type { Scope } from './case-store';
import type { Dialect, Queryable, SqlValue } from './db';

/**
 * The SQL pieces every KPI query shares, and the one place where the KPI queries' SQLite and
 * PostgreSQL texts differ (Beijing-time buckets, a JSON flag, byte-order sorting).
 */

/** Instants are stored as `Date.toISOString()` text; the period must be in the same form to compare as text. */
export function canonical(instant: string): string {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) throw new RangeError(`not an instant: ${instant}`);
  return new Date(t).toISOString();
}

export function canonicalPeriod(period: Period): Period {
  return { from: canonical(period.from), to: canonical(period.to), asOf: canonical(period.asOf) };
}

/** formulas.ts `within`: in [from, to) and not after asOf. */
export const within = (column: string) => `(${column} >= @from AND ${column} < @to AND ${column} <= @asOf)`;

/**
 * The period's bounds appear many times, so the text names them (@from, @to, @asOf, @dept, and
 * the rollup's bounds, kpi-daily.ts `splitValues`) and `bind` turns the names into positional
 * `?` with their values in text order. A name without a value is a programming error.
 */
export function bind(sql: string, values: Record<string, string>): { sql: string; params: SqlValue[] } {
  const params: SqlValue[] = [];
  const text = sql.replace(/@([A-Za-z]\w*)\b/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) throw new RangeError(`no value for @${name}`);
    params.push(value);
    return '?';
  });
  return { sql: text, params };
}

/** Runs a text with named values (`bind`). */
export function allBound<T>(db: Queryable, text: string, values: Record<string, string>): Promise<T[]> {
  const { sql, params } = bind(text, values);
  return db.all<T>(sql, params);
}

/**
 * Ends an inner query whose per-row results the outer one reads several times: PostgreSQL would
 * otherwise pull the subquery up and evaluate each expression again wherever it is used.
 * OFFSET 0 is PostgreSQL's documented fence; a district's SQLite is small enough without one.
 */
export function keepApart(dialect: Dialect): string {
  return dialect === 'postgres' ? ' OFFSET 0' : '';
}

export const count = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

/** SUM gives bigint (as text) in PostgreSQL and NULL over no rows in both. */
export const n = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/**
 * Whose figures: a department is evaluated on the cases it leads (not those it assists), a
 * supervisor on their grids. Grid codes are 14 digits (checked), so they stand in the text as literals.
 */
export function kpiScopeCondition(scope: Scope): string {
  if (scope.kind === 'department') return 'lead_department_id = @dept';
  if (scope.kind === 'grids') {
    const codes = scope.gridCodes.filter((code) => /^\d{14}$/.test(code));
    return codes.length ? `grid_code IN (${codes.map((c) => `'${c}'`).join(',')})` : '1 = 0';
  }
  return '1 = 1';
}

/**
 * The drill step a panel is about (board.ts `inArea`). The codes are checked by pattern here
 * too (not only by the socket schema), so they stand in the text as literals.
 */
export function areaCondition(area: KpiArea | undefined): string {
  if (!area) return '1 = 1';
  const parts: string[] = [];
  const columns = { streetCode: 'street_code', communityCode: 'community_code', gridCode: 'grid_code' } as const;
  for (const key of ['streetCode', 'communityCode', 'gridCode'] as const) {
    const code = area[key];
    if (code === undefined) continue;
    if (!AREA_CODE_PATTERNS[key].test(code)) throw new RangeError(`not a ${key}: ${code}`);
    parts.push(`${columns[key]} = '${code}'`);
  }
  return parts.length ? `(${parts.join(' AND ')})` : '1 = 1';
}

export const deptOf = (scope: Scope): string => (scope.kind === 'department' ? scope.departmentId : '');

/**
 * SQLite: the Beijing-time bucket of an ISO UTC instant column, as board.ts `bucketKey` writes it
 * (hour 'YYYY-MM-DDTHH', day 'YYYY-MM-DD'; a week is the Monday it starts on).
 */
export function sqliteBeijingBucket(column: string, size: TrendBucket): string {
  if (size === 'week') return `date(${column}, '+8 hours', '-6 days', 'weekday 1')`;
  return `substr(strftime('%Y-%m-%dT%H:%M:%S', ${column}, '+8 hours'), 1, ${size === 'hour' ? 13 : 10})`;
}

/**
 * PostgreSQL: the Beijing-time bucket of an ISO UTC instant column as an integer (hours, days or
 * the Monday's day since 1970-01-01 in Beijing time), from the text's own digits: a date and an
 * hour parse instead of a timestamptz parse and to_char per row, ~10× cheaper over a year of
 * cases. Beijing has no daylight saving: an hour in UTC is an hour in Beijing, 8 later.
 * `bucketLabel` turns the key into board.ts `bucketKey` text, once per bucket.
 */
export function beijingBucketKey(column: string, size: TrendBucket): string {
  const hours = `((substr(${column}, 1, 10)::date - DATE '1970-01-01') * 24 + substr(${column}, 12, 2)::int + 8)`;
  if (size === 'hour') return hours;
  const day = `(${hours} / 24)`;
  // 1970-01-01 was a Thursday: (day + 3) % 7 days since the Monday.
  return size === 'day' ? day : `(${day} - (${day} + 3) % 7)`;
}

export function bucketLabel(key: string, size: TrendBucket): string {
  if (size === 'hour') return `to_char(TIMESTAMP '1970-01-01' + ${key} * INTERVAL '1 hour', 'YYYY-MM-DD"T"HH24')`;
  return `to_char(DATE '1970-01-01' + ${key}, 'YYYY-MM-DD')`;
}

/** The state's `supervised` (督办) flag, which has no column of its own. */
export function supervisedCondition(dialect: Dialect): string {
  return dialect === 'postgres' ? `(state ->> 'supervised') = 'true'` : `json_extract(state, '$.supervised') = 1`;
}

/** Byte order for a text tie-break, so both dialects (and JavaScript) sort alike whatever the locale. */
export function byteOrder(dialect: Dialect, column: string): string {
  return dialect === 'postgres' ? `${column} COLLATE "C"` : column;
}
