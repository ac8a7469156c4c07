import { distance } from '@turf/turf';
import type { CaseState } from '../../src-shared/domain/case';
import { fromJson, type Queryable } from '../store/db';

export interface DuplicateRules {
  /** Reports of the same category this close (metres) to an open case are the same problem. */
  radiusM: number;
  /** …if the open case was reported within this many hours. */
  windowHours: number;
}

export const DEFAULT_DUPLICATE_RULES: DuplicateRules = { radiusM: 50, windowHours: 72 };

/** Degrees of latitude per metre; longitude degrees shrink with cos(latitude). */
const DEG_PER_M = 1 / 111_320;

/**
 * The open case a new report repeats, if any (FixMyStreet's lesson: match the same component
 * first, then the same category nearby). Hotline and grid reports of one problem meet here,
 * so one problem is dispatched once.
 */
export async function findDuplicate(
  db: Queryable,
  report: DuplicateProbe,
  now: Date,
  rules: DuplicateRules = DEFAULT_DUPLICATE_RULES,
): Promise<CaseState | undefined> {
  return (await findDuplicates(db, report, now, rules, 1))[0];
}

export interface DuplicateProbe {
  categoryCode: string;
  lon: number;
  lat: number;
  componentCode?: string | undefined;
}

/**
 * Every open case the rule would call a repeat, in the rule's order: the same component first,
 * then the same category within the radius, oldest first. The first is the one intake links
 * to; a desk shows them all before saving (the same rule, so the suggestion and the link agree).
 */
export async function findDuplicates(
  db: Queryable,
  report: DuplicateProbe,
  now: Date,
  rules: DuplicateRules = DEFAULT_DUPLICATE_RULES,
  limit = 10,
): Promise<CaseState[]> {
  const since = new Date(now.getTime() - rules.windowHours * 3_600_000).toISOString();
  const found: CaseState[] = [];
  if (report.componentCode) {
    const rows = await db.all<{ state: unknown }>(
      `SELECT state FROM cases WHERE component_code = ? AND is_open = 1 AND stage <> 'duplicate' AND reported_at >= ? ORDER BY reported_at LIMIT ?`,
      [report.componentCode, since, limit],
    );
    found.push(...rows.map((r) => fromJson<CaseState>(r.state)));
  }
  if (found.length >= limit) return found.slice(0, limit);
  const dLat = rules.radiusM * DEG_PER_M;
  const dLon = dLat / Math.cos((report.lat * Math.PI) / 180);
  const rows = await db.all<{ state: unknown }>(
    `SELECT state FROM cases WHERE is_open = 1 AND category_code = ? AND stage <> 'duplicate' AND reported_at >= ?
     AND lon BETWEEN ? AND ? AND lat BETWEEN ? AND ? ORDER BY reported_at LIMIT 20`,
    [report.categoryCode, since, report.lon - dLon, report.lon + dLon, report.lat - dLat, report.lat + dLat],
  );
  const seen = new Set(found.map((c) => c.id));
  const nearby = rows
    .map((r) => fromJson<CaseState>(r.state))
    .filter((c) => !seen.has(c.id) && distance([report.lon, report.lat], [c.place.lon, c.place.lat], { units: 'meters' }) <= rules.radiusM);
  return [...found, ...nearby].slice(0, limit);
}
