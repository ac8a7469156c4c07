import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { CaseState } from '../../../src-shared/domain/case';
import {
  areaOf,
  bucketFor,
  customPeriod,
  fillTrend,
  presetPeriod,
  previousPeriod,
  type BreakdownRow,
  type KpiArea,
  type PeriodPreset,
  type TrendBucket,
  type TrendPoint,
} from '../../../src-shared/kpi/board';
import type { KpiGroup, KpiGroupBy, Period } from '../../../src-shared/kpi/formulas';
import { useLiveCases } from '../cases/live-cases';

/** One step of the drill-down path: district → street → community → grid (→ its cases). */
export interface DrillStep {
  level: 'district' | 'street' | 'community' | 'grid';
  code: string;
  name: string;
}

const CHILD: Record<DrillStep['level'], KpiGroupBy | null> = { district: 'street', street: 'community', community: 'grid', grid: null };

/** A group's figures for the period and the one before (rankings show both). */
export interface Compared {
  current: KpiGroup[];
  previous: KpiGroup[];
}

const EMPTY: Compared = { current: [], previous: [] };

/**
 * The board's data: every panel asked for at once for the chosen period and drill step, the
 * newest answers kept (a slower, older answer never overwrites a newer one).
 */
export const useKpiBoard = defineStore('kpi-board', () => {
  const live = useLiveCases();
  const preset = ref<PeriodPreset | 'custom'>('today');
  const period = ref<Period>(presetPeriod('today', live.serviceNow()));
  const bucket = ref<TrendBucket>('hour');
  const path = ref<DrillStep[]>([{ level: 'district', code: 'district', name: '' }]);
  const loading = ref(false);
  const failure = ref<string | null>(null);

  const district = shallowRef<Compared>(EMPTY);
  const children = shallowRef<Compared>(EMPTY);
  const stepFigures = shallowRef<Compared>(EMPTY);
  const departments = shallowRef<Compared>(EMPTY);
  const trend = shallowRef<TrendPoint[]>([]);
  const categories = shallowRef<BreakdownRow[]>([]);
  const overdue = shallowRef<{ cases: CaseState[]; total: number }>({ cases: [], total: 0 });
  const supervised = shallowRef<{ cases: CaseState[]; total: number }>({ cases: [], total: 0 });
  const gridCases = shallowRef<{ cases: CaseState[]; total: number }>({ cases: [], total: 0 });
  const asOf = ref<string>(period.value.asOf);
  const selectedCaseId = ref<string | null>(null);

  const step = computed(() => path.value[path.value.length - 1] as DrillStep);
  const childLevel = computed(() => CHILD[step.value.level]);
  /** What every panel is about: the street, community or grid the board stands on (none: the district). */
  const area = computed<KpiArea | undefined>(() => (step.value.level === 'district' ? undefined : areaOf(step.value.code)));

  /** The indicators of the step the board stands on (the district, or the drilled-into group). */
  const here = computed<{ current: KpiGroup | undefined; previous: KpiGroup | undefined }>(() => {
    const figures = step.value.level === 'district' ? district.value : stepFigures.value;
    return { current: figures.current[0], previous: figures.previous[0] };
  });

  let generation = 0;

  async function unwrap<T extends { ok: boolean }>(answer: Promise<T>): Promise<Extract<T, { ok: true }>> {
    const a = await answer;
    if (!a.ok) throw new Error((a as unknown as { message: { en: string } }).message.en);
    return a as Extract<T, { ok: true }>;
  }

  /** A grouping for this period and the previous one, over `where` (the drill step; the service filters). */
  async function compared(groupBy: KpiGroupBy | undefined, where?: KpiArea): Promise<Compared> {
    const ask = (p: Period) => unwrap(live.kpi('kpi:query', { ...p, ...(groupBy ? { groupBy } : {}), ...(where ? { area: where } : {}) })).then((a) => a.groups);
    const [current, previous] = await Promise.all([ask(period.value), ask(previousPeriod(period.value))]);
    return { current, previous };
  }

  async function load(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    failure.value = null;
    const p = period.value;
    const s = step.value;
    const a = area.value;
    const inArea = a ? { area: a } : {};
    try {
      const [d, c, here, deps, t, cats, od, sv, gc] = await Promise.all([
        compared(undefined),
        childLevel.value ? compared(childLevel.value, a) : Promise.resolve(EMPTY),
        a ? compared(undefined, a) : Promise.resolve(EMPTY),
        compared('department', a),
        unwrap(live.kpi('kpi:trend', { ...p, bucket: bucket.value, ...inArea })),
        unwrap(live.kpi('kpi:breakdown', { ...p, by: 'category', ...inArea })),
        unwrap(live.kpi('kpi:cases', { list: 'overdue', limit: 50, ...inArea })),
        unwrap(live.kpi('kpi:cases', { list: 'supervised', limit: 50, ...inArea })),
        // A grid's cases: those of the period (reported or closed in it), as the breakdowns count them.
        s.level === 'grid' ? unwrap(live.kpi('kpi:cases', { list: 'period', limit: 200, ...p, ...inArea })) : Promise.resolve({ cases: [], total: 0 }),
      ]);
      if (mine !== generation) return;
      district.value = d;
      children.value = c;
      stepFigures.value = here;
      departments.value = deps;
      trend.value = fillTrend(t.points, p, bucket.value);
      asOf.value = t.asOf;
      categories.value = cats.rows;
      overdue.value = od;
      supervised.value = sv;
      gridCases.value = gc;
    } catch (error) {
      if (mine === generation) failure.value = error instanceof Error ? error.message : String(error);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  function choosePreset(next: PeriodPreset): void {
    preset.value = next;
    period.value = presetPeriod(next, live.serviceNow());
    bucket.value = bucketFor(period.value);
    void load();
  }

  function chooseCustom(fromDay: string, toDay: string): void {
    preset.value = 'custom';
    period.value = customPeriod(fromDay, toDay, live.serviceNow());
    bucket.value = bucketFor(period.value);
    void load();
  }

  function chooseBucket(next: TrendBucket): void {
    bucket.value = next;
    void load();
  }

  function drill(code: string, name: string): void {
    const level = childLevel.value;
    if (!level || level === 'department' || level === 'channel') return;
    path.value = [...path.value, { level, code, name }];
    void load();
  }

  function backTo(index: number): void {
    path.value = path.value.slice(0, index + 1);
    void load();
  }

  return {
    preset, period, bucket, path, step, childLevel, area, loading, failure, asOf,
    district, children, departments, here, trend, categories, overdue, supervised, gridCases, selectedCaseId,
    load, choosePreset, chooseCustom, chooseBucket, drill, backTo,
  };
});
