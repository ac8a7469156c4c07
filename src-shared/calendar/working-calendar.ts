import { TZDate } from '@date-fns/tz';
import { addDays, startOfDay } from 'date-fns';
import type { TimeLimit } from '../catalog/category-types';
import { DayRules, dayKeyOf, localMidnight, type DayInfo } from './day-rules';
import { CN_HOLIDAYS, type HolidayData } from './holidays';
import {
  assertValidWorkingHours,
  CALENDAR_TIME_ZONE,
  DEFAULT_WORKING_HOURS,
  workingMinutesPerDay,
  type WorkingHours,
} from './working-hours';

export interface WorkingCalendarOptions {
  hours?: WorkingHours;
  holidays?: HolidayData;
}

const MS_PER_MINUTE = 60_000;
/** Days of working spans kept; a few years of deadlines, far more than any screen asks for at once. */
const SPAN_CACHE_DAYS = 2_000;

/** A working interval of one day as absolute instants (epoch ms), [start, end). */
type Span = readonly [number, number];

function instantMs(date: Date, what: string): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${what} is an invalid Date`);
  return ms;
}

/**
 * Working-time arithmetic in Beijing time: which days are working days (weekends, public
 * holidays and make-up working days 调休), and deadlines / elapsed time in working minutes.
 *
 * Years without published holiday data (before 2025, and 2027 until its notice is added) are
 * weekends only. Deadlines are plain `Date` instants; remaining time is always computed from
 * them, never stored, so a change of hours or holiday data shows up at once.
 */
export class WorkingCalendar {
  readonly hours: WorkingHours;
  /** Working minutes in one full working day under these hours. */
  readonly minutesPerDay: number;
  private readonly rules: DayRules;
  private readonly spanCache = new Map<string, readonly Span[]>();

  constructor(options: WorkingCalendarOptions = {}) {
    this.hours = options.hours ?? DEFAULT_WORKING_HOURS;
    assertValidWorkingHours(this.hours);
    this.minutesPerDay = workingMinutesPerDay(this.hours);
    this.rules = new DayRules(options.holidays ?? CN_HOLIDAYS);
  }

  /** Kind of a local day (a `Date` is read as the Beijing day it falls on; a string is 'YYYY-MM-DD'). */
  dayInfo(day: Date | string): DayInfo {
    return this.rules.info(this.midnight(day));
  }

  isWorkingDay(day: Date | string): boolean {
    return this.dayInfo(day).working;
  }

  /** True inside a working interval of a working day. */
  isWorkingTime(instant: Date): boolean {
    const t = instantMs(instant, 'instant');
    return this.spans(this.midnight(instant)).some(([s, e]) => s <= t && t < e);
  }

  /** False for years whose holidays are not in the data (they are counted as weekends only). */
  hasPublishedHolidays(year: number): boolean {
    return this.rules.hasPublishedHolidays(year);
  }

  /**
   * The deadline `limit` after `from`.
   * - 'natural': wall-clock minutes, 24/7.
   * - 'working': only working minutes count; a start outside working time starts counting at
   *   the next working interval, and a limit used up exactly at the end of an interval ends
   *   there (e.g. 17:30), not at the next morning's start.
   * A zero limit is due at `from` itself, whatever the clock.
   */
  addLimit(from: Date, limit: TimeLimit): Date {
    const start = instantMs(from, 'from');
    if (!Number.isFinite(limit.minutes) || limit.minutes < 0) {
      throw new RangeError(`A time limit must be a finite, non-negative number of minutes: ${limit.minutes}`);
    }
    let remaining = Math.round(limit.minutes * MS_PER_MINUTE);
    if (limit.clock === 'natural' || remaining === 0) return new Date(start + remaining);
    // Terminates: every year has Monday–Friday working days (years outside the data are
    // weekends only) and the hours have at least one non-empty interval.
    for (let day = this.midnight(from); ; day = addDays(day, 1)) {
      for (const [s, e] of this.spans(day)) {
        if (e <= start) continue;
        const begin = Math.max(s, start);
        if (remaining <= e - begin) return new Date(begin + remaining);
        remaining -= e - begin;
      }
    }
  }

  /**
   * Working minutes in [from, to): the time a department had, for the overtime multiple
   * (time taken ÷ time allowed). Negative when `to` is before `from`.
   */
  workingMinutesBetween(from: Date, to: Date): number {
    const a = instantMs(from, 'from');
    const b = instantMs(to, 'to');
    if (b < a) return -this.workingMinutesBetween(to, from);
    let total = 0;
    for (let day = this.midnight(from); day.getTime() < b; day = addDays(day, 1)) {
      for (const [s, e] of this.spans(day)) total += Math.max(0, Math.min(e, b) - Math.max(s, a));
    }
    return total / MS_PER_MINUTE;
  }

  /** Minutes from `from` to `to` on the given clock (negative when `to` is earlier). */
  minutesBetween(from: Date, to: Date, clock: TimeLimit['clock']): number {
    if (clock === 'working') return this.workingMinutesBetween(from, to);
    return (instantMs(to, 'to') - instantMs(from, 'from')) / MS_PER_MINUTE;
  }

  /**
   * Share of the limit still left at `now`: 1 at the start, 0 at the deadline, negative when
   * overdue (-0.5 = half the limit over; overtime multiple = 1 − share). Capped at 1 if `now`
   * is before the start. On the working clock the share does not move outside working time,
   * so test `now > deadlineAt` for "overdue", not `share < 0`. A zero-length limit gives 0
   * until its deadline and -1 after it.
   */
  remainingShare(now: Date, startedAt: Date, deadlineAt: Date, clock: TimeLimit['clock']): number {
    const total = this.minutesBetween(startedAt, deadlineAt, clock);
    const left = this.minutesBetween(now, deadlineAt, clock);
    if (total <= 0) return left < 0 ? -1 : 0;
    const share = Math.min(1, left / total);
    return share === 0 ? 0 : share; // no -0 on screens
  }

  private midnight(day: Date | string): TZDate {
    if (typeof day === 'string') return localMidnight(day);
    return startOfDay(new TZDate(instantMs(day, 'day'), CALENDAR_TIME_ZONE));
  }

  /** The day's working intervals as instants; empty on non-working days. */
  private spans(midnight: TZDate): readonly Span[] {
    const key = dayKeyOf(midnight);
    const cached = this.spanCache.get(key);
    if (cached) return cached;
    const spans: Span[] = [];
    if (this.rules.info(midnight).working) {
      const [y, m, d] = [midnight.getFullYear(), midnight.getMonth(), midnight.getDate()];
      const at = (minute: number): number =>
        new TZDate(y, m, d, Math.floor(minute / 60), minute % 60, CALENDAR_TIME_ZONE).getTime();
      for (const { start, end } of this.hours.intervals) spans.push([at(start), at(end)]);
    }
    if (this.spanCache.size >= SPAN_CACHE_DAYS) this.spanCache.clear();
    this.spanCache.set(key, spans);
    return spans;
  }
}

/** The district's calendar: default Beijing office hours and the published holidays. */
export const beijingCalendar = new WorkingCalendar();
