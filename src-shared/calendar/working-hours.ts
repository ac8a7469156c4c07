/**
 * Office hours of the district's departments, as local wall-clock intervals.
 * Minutes from local midnight; each interval is [start, end), end exclusive.
 */
export interface WorkingInterval {
  start: number;
  end: number;
}

export interface WorkingHours {
  intervals: readonly WorkingInterval[];
}

/** The calendar's time zone: Beijing time (UTC+8, no daylight saving since 1991). */
export const CALENDAR_TIME_ZONE = 'Asia/Shanghai';

/** Common Beijing government office hours: 09:00–12:00 and 13:30–17:30 (lunch break in between). */
export const DEFAULT_WORKING_HOURS: WorkingHours = {
  intervals: [
    { start: 9 * 60, end: 12 * 60 },
    { start: 13 * 60 + 30, end: 17 * 60 + 30 },
  ],
};

/**
 * Throws a RangeError unless the intervals are whole minutes inside one day, non-empty,
 * sorted and not overlapping. Checked once, so the calendar arithmetic can rely on it.
 */
export function assertValidWorkingHours(hours: WorkingHours): void {
  if (hours.intervals.length === 0) throw new RangeError('WorkingHours needs at least one interval');
  let previousEnd = 0;
  for (const { start, end } of hours.intervals) {
    if (!Number.isInteger(start) || !Number.isInteger(end)) {
      throw new RangeError(`WorkingHours interval ${start}–${end} must be whole minutes`);
    }
    if (start < previousEnd || start >= end || end > 24 * 60) {
      throw new RangeError(
        `WorkingHours interval ${start}–${end} must lie within 0–1440, after the previous one, and not be empty`,
      );
    }
    previousEnd = end;
  }
}

export function workingMinutesPerDay(hours: WorkingHours): number {
  return hours.intervals.reduce((sum, { start, end }) => sum + (end - start), 0);
}

/** One working hour, for limits stated in working hours (工作时). */
export const WORKING_HOUR_MINUTES = 60;

/** One working day (工作日) under the default hours: 3 h + 4 h = 420 working minutes. */
export const WORKING_DAY_MINUTES = workingMinutesPerDay(DEFAULT_WORKING_HOURS);
