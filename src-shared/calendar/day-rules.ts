import { TZDate } from '@date-fns/tz';
import { addDays, isWeekend } from 'date-fns';
import type { BilingualText } from '../i18n-text';
import type { HolidayData } from './holidays';
import { CALENDAR_TIME_ZONE } from './working-hours';

/** What kind of day a local calendar day is, and why. */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'make-up-workday';

export interface DayInfo {
  /** Local calendar day, 'YYYY-MM-DD'. */
  day: string;
  kind: DayKind;
  working: boolean;
  /** Set for holidays only. */
  holiday?: BilingualText;
}

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight (Asia/Shanghai) of a 'YYYY-MM-DD' day. Throws a RangeError for a malformed or impossible day. */
export function localMidnight(day: string): TZDate {
  const m = DAY_KEY.exec(day);
  const date = m ? new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), CALENDAR_TIME_ZONE) : undefined;
  // Date rolls 2026-02-30 over to March; comparing the key back rejects it.
  if (!date || dayKeyOf(date) !== day) throw new RangeError(`Not a calendar day 'YYYY-MM-DD': ${day}`);
  return date;
}

/** The local 'YYYY-MM-DD' of a TZDate (its getters already read local time). */
export function dayKeyOf(date: TZDate): string {
  const y = String(date.getFullYear()).padStart(4, '0');
  const mo = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${mo}-${d}`;
}

/** The holiday data flattened to one lookup per day, built once per calendar. */
export class DayRules {
  private readonly holidays = new Map<string, BilingualText>();
  private readonly makeUpWorkdays = new Set<string>();
  private readonly publishedYears = new Set<number>();

  constructor(data: HolidayData) {
    for (const [year, entry] of Object.entries(data.years)) {
      if (entry.status === 'published') this.publishedYears.add(Number(year));
      for (const range of entry.holidays) {
        const last = localMidnight(range.to);
        for (let d = localMidnight(range.from); d <= last; d = addDays(d, 1)) {
          this.holidays.set(dayKeyOf(d), range.name);
        }
      }
      for (const day of entry.makeUpWorkdays) this.makeUpWorkdays.add(dayKeyOf(localMidnight(day)));
    }
  }

  /** `midnight` must be a local midnight in the calendar's zone. */
  info(midnight: TZDate): DayInfo {
    const day = dayKeyOf(midnight);
    // Make-up days win: they are weekend days declared working days.
    if (this.makeUpWorkdays.has(day)) return { day, kind: 'make-up-workday', working: true };
    const holiday = this.holidays.get(day);
    if (holiday) return { day, kind: 'holiday', working: false, holiday };
    if (isWeekend(midnight)) return { day, kind: 'weekend', working: false };
    return { day, kind: 'workday', working: true };
  }

  hasPublishedHolidays(year: number): boolean {
    return this.publishedYears.has(year);
  }
}
