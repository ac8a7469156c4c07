import { TZDate } from '@date-fns/tz';
import { addDays, startOfDay } from 'date-fns';
import type { TimeLimit } from '../catalog/category-types';
import { DayRules, localMidnight, type DayInfo } from './day-rules';
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
const MS_PER_DAY = 86_400_000;
/** Days kept; a few years of deadlines, far more than any screen asks for at once. */
const DAY_CACHE_DAYS = 2_000;

/** A working interval of one day as absolute instants (epoch ms), [start, end). */
type Span = readonly [number, number];

/** One local day, worked out once: where it starts and ends as instants, its kind, its working spans. */
interface Day {
  readonly start: number;
  /** The next day's start (23, 24 or 25 hours later where a zone has daylight saving). */
  readonly end: number;
  readonly info: DayInfo;
  readonly spans: readonly Span[];
}

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
  /**
   * Days by local day number (days since the epoch in local time). Finding an instant's day
   * through the zone database (Intl) is the costly part of every deadline: a queue computing
   * 10,000 cases' deadlines spent most of its first render there. The local day number is a
   * guess from the last day's UTC offset, confirmed by the day's own bounds.
   */
  private readonly days = new Map<number, Day>();
  private offsetMs = 0;

  constructor(options: WorkingCalendarOptions = {}) {
    this.hours = options.hours ?? DEFAULT_WORKING_HOURS;
    assertValidWorkingHours(this.hours);
    this.minutesPerDay = workingMinutesPerDay(this.hours);
    this.rules = new DayRules(options.holidays ?? CN_HOLIDAYS);
  }

  /** Kind of a local day (a `Date` is read as the Beijing day it falls on; a string is 'YYYY-MM-DD'). */
  dayInfo(day: Date | string): DayInfo {
    if (typeof day === 'string') return this.rules.info(localMidnight(day));
    return this.dayAt(instantMs(day, 'day')).info;
  }

  isWorkingDay(day: Date | string): boolean {
    return this.dayInfo(day).working;
  }

  /** True inside a working interval of a working day. */
  isWorkingTime(instant: Date): boolean {
    const t = instantMs(instant, 'instant');
    return this.dayAt(t).spans.some(([s, e]) => s <= t && t < e);
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
    for (let day = this.dayAt(start); ; day = this.dayAt(day.end)) {
      for (const [s, e] of day.spans) {
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
    for (let day = this.dayAt(a); day.start < b; day = this.dayAt(day.end)) {
      for (const [s, e] of day.spans) total += Math.max(0, Math.min(e, b) - Math.max(s, a));
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

  /** The local day `ms` falls on. */
  private dayAt(ms: number): Day {
    const guess = this.days.get(Math.floor((ms + this.offsetMs) / MS_PER_DAY));
    if (guess && guess.start <= ms && ms < guess.end) return guess;
    const midnight = startOfDay(new TZDate(ms, CALENDAR_TIME_ZONE));
    // TZDate reports its zone's offset the way Date does (minutes west of UTC).
    this.offsetMs = -midnight.getTimezoneOffset() * MS_PER_MINUTE;
    const info = this.rules.info(midnight);
    const spans: Span[] = [];
    if (info.working) {
      const [y, m, d] = [midnight.getFullYear(), midnight.getMonth(), midnight.getDate()];
      const at = (minute: number): number =>
        new TZDate(y, m, d, Math.floor(minute / 60), minute % 60, CALENDAR_TIME_ZONE).getTime();
      for (const { start, end } of this.hours.intervals) spans.push([at(start), at(end)]);
    }
    const day: Day = { start: midnight.getTime(), end: addDays(midnight, 1).getTime(), info, spans };
    if (this.days.size >= DAY_CACHE_DAYS) this.days.clear();
    this.days.set(Math.round((day.start + this.offsetMs) / MS_PER_DAY), day);
    return day;
  }
}

/** The district's calendar: default Beijing office hours and the published holidays. */
export const beijingCalendar = new WorkingCalendar();
