import { distance } from '@turf/turf';
import type { CaseState } from '../../src-shared/domain/case';
import { fromJson } from '../store/db';
import type { CaseStore } from '../store/case-store';

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
  store: CaseStore,
  report: { categoryCode: string; lon: number; lat: number; componentCode?: string | undefined },
  now: Date,
  rules: DuplicateRules = DEFAULT_DUPLICATE_RULES,
): Promise<CaseState | undefined> {
  const since = new Date(now.getTime() - rules.windowHours * 3_600_000).toISOString();
  if (report.componentCode) {
    const row = await store.db.get<{ state: unknown }>(
      `SELECT state FROM cases WHERE component_code = ? AND is_open = 1 AND stage <> 'duplicate' AND reported_at >= ? ORDER BY reported_at LIMIT 1`,
      [report.componentCode, since],
    );
    if (row) return fromJson<CaseState>(row.state);
  }
  const dLat = rules.radiusM * DEG_PER_M;
  const dLon = dLat / Math.cos((report.lat * Math.PI) / 180);
  const rows = await store.db.all<{ state: unknown }>(
    `SELECT state FROM cases WHERE is_open = 1 AND category_code = ? AND stage <> 'duplicate' AND reported_at >= ?
     AND lon BETWEEN ? AND ? AND lat BETWEEN ? AND ? ORDER BY reported_at LIMIT 20`,
    [report.categoryCode, since, report.lon - dLon, report.lon + dLon, report.lat - dLat, report.lat + dLat],
  );
  return rows
    .map((r) => fromJson<CaseState>(r.state))
    .find((c) => distance([report.lon, report.lat], [c.place.lon, c.place.lat], { units: 'meters' }) <= rules.radiusM);
}
