import { WORKING_DAY_MINUTES, WORKING_HOUR_MINUTES } from '../calendar/working-hours';
import type { BilingualText } from '../i18n-text';
import type { CaseKind, Category, LoopLevel, TimeLimit, Urgency } from './category-types';
import type { DepartmentId } from './departments';

/**
 * Time limits and the builder the catalog data is written with (shared/data/calibration.md).
 *
 * Clock rule: a figure stated in working hours/days runs on the working calendar; a figure
 * stated in plain hours ("2 h") runs 24/7, as do all urgent cases.
 */

export const workingHours = (hours: number): TimeLimit => ({ minutes: hours * WORKING_HOUR_MINUTES, clock: 'working' });
/** One working day = WORKING_DAY_MINUTES (420 under the default 09:00–12:00, 13:30–17:30 hours). */
export const workingDays = (days: number): TimeLimit => ({ minutes: days * WORKING_DAY_MINUTES, clock: 'working' });
export const naturalHours = (hours: number): TimeLimit => ({ minutes: hours * 60, clock: 'natural' });
export const naturalMinutes = (minutes: number): TimeLimit => ({ minutes, clock: 'natural' });

/**
 * Register and dispatch: "within 10 minutes (urgent) / 30 minutes (normal)", applied to each
 * link separately, on the natural clock: the supervision and command centres are staffed
 * around the clock (DOMAIN §7), so a report at 22:00 is due for registration at 22:30.
 */
export const INTAKE_LIMITS: Readonly<Record<Urgency, { register: TimeLimit; dispatch: TimeLimit }>> = {
  urgent: { register: naturalMinutes(10), dispatch: naturalMinutes(10) },
  normal: { register: naturalMinutes(30), dispatch: naturalMinutes(30) },
};

/**
 * On-site check after handling: within 1 hour in the city. Urgent cases 24/7; normal cases in
 * working time, so work reported done at 17:20 is not overdue at 18:20 before patrols resume.
 */
export const VERIFY_LIMITS: Readonly<Record<Urgency, TimeLimit>> = {
  urgent: naturalMinutes(60),
  normal: { minutes: 60, clock: 'working' },
};

/** One sub-kind as written in the data files; the builder fills in code, class and intake limits. */
export interface KindSpec {
  /** 2-digit sub-kind within the class. */
  sub: string;
  zh: string;
  en: string;
  lead: DepartmentId | 'street';
  handle: TimeLimit;
  source: Category['limitSource'];
  urgent?: boolean;
  /** Defaults: 'street' when the street office leads, else 'district'. */
  level?: LoopLevel;
  arrive?: TimeLimit;
}

export interface ClassSpec {
  classCode: string;
  name: BilingualText;
  kinds: readonly KindSpec[];
}

export function defineCategories(kind: CaseKind, classes: readonly ClassSpec[]): Category[] {
  return classes.flatMap(({ classCode, name: className, kinds }) =>
    kinds.map((spec): Category => {
      const urgency: Urgency = spec.urgent ? 'urgent' : 'normal';
      return {
        code: `${kind === 'component' ? 'C' : 'E'}${classCode}${spec.sub}`,
        kind,
        classCode,
        className,
        name: { zh: spec.zh, en: spec.en },
        leadDepartment: spec.lead,
        urgency,
        level: spec.level ?? (spec.lead === 'street' ? 'street' : 'district'),
        limits: {
          ...INTAKE_LIMITS[urgency],
          handle: spec.handle,
          verify: VERIFY_LIMITS[urgency],
        },
        limitSource: spec.source,
        ...(spec.arrive ? { arriveLimit: spec.arrive } : {}),
      };
    }),
  );
}
