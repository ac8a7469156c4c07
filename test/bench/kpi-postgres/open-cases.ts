import { distance } from '@turf/turf';
import type { CaseState } from '../../../src-shared/domain/case';
import { isOpenStage } from '../../../src-shared/domain/stages';
import { DEFAULT_DUPLICATE_RULES, type DuplicateRules } from '../../../src-server/service/duplicates';

/** Degrees of latitude per metre (as duplicates.ts). */
const DEG_PER_M = 1 / 111_320;
/** findDuplicate reads at most this many candidates of the category, oldest first. */
const CANDIDATES = 20;

/**
 * The open cases a new report may repeat, kept in memory: the service's `findDuplicate`
 * (src-server/service/duplicates.ts) answers from the cases table, which the year being
 * generated has not reached yet. Same rule, same order: an open case (not itself a duplicate)
 * on the same component first, else the oldest of the first 20 open cases of the category in
 * the box around the point that lies within the radius, reported within the window.
 */
export class OpenCases {
  /**
   * Case id → its latest state, per category and per component. A Map keeps the order of first
   * insertion when a value is replaced, so iteration is report order (cases are reported in time
   * order): ORDER BY reported_at.
   */
  private readonly byCategory = new Map<string, Map<string, CaseState>>();
  private readonly byComponent = new Map<string, Map<string, CaseState>>();
  private readonly current = new Map<string, CaseState>();

  constructor(private readonly rules: DuplicateRules = DEFAULT_DUPLICATE_RULES) {}

  /** Keeps the index in step with a case after each commit. */
  update(state: CaseState): void {
    const before = this.current.get(state.id);
    const stays = isOpenStage(state.stage) && state.stage !== 'duplicate';
    if (before && (!stays || before.categoryCode !== state.categoryCode)) {
      this.byCategory.get(before.categoryCode)?.delete(state.id);
      if (before.componentCode) this.byComponent.get(before.componentCode)?.delete(state.id);
      this.current.delete(state.id);
    }
    if (!stays) return;
    this.current.set(state.id, state);
    put(this.byCategory, state.categoryCode, state);
    if (state.componentCode) put(this.byComponent, state.componentCode, state);
  }

  find(report: { categoryCode: string; lon: number; lat: number; componentCode?: string | undefined }, nowMs: number): CaseState | undefined {
    const since = nowMs - this.rules.windowHours * 3_600_000;
    const recent = (c: CaseState) => Date.parse(c.reportedAt) >= since;
    if (report.componentCode) {
      for (const c of this.byComponent.get(report.componentCode)?.values() ?? []) if (recent(c)) return c;
    }
    const dLat = this.rules.radiusM * DEG_PER_M;
    const dLon = dLat / Math.cos((report.lat * Math.PI) / 180);
    let seen = 0;
    for (const c of this.byCategory.get(report.categoryCode)?.values() ?? []) {
      if (!recent(c)) continue;
      const { lon, lat } = c.place;
      if (lon < report.lon - dLon || lon > report.lon + dLon || lat < report.lat - dLat || lat > report.lat + dLat) continue;
      if (++seen > CANDIDATES) return undefined;
      if (distance([report.lon, report.lat], [lon, lat], { units: 'meters' }) <= this.rules.radiusM) return c;
    }
    return undefined;
  }
}

function put(index: Map<string, Map<string, CaseState>>, key: string, state: CaseState): void {
  const cases = index.get(key);
  if (cases) cases.set(state.id, state);
  else index.set(key, new Map([[state.id, state]]));
}
