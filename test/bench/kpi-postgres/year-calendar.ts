import { WorkingCalendar } from '../../../src-shared/calendar';
import type { TimeLimit } from '../../../src-shared/catalog/category-types';
import { Random } from '../../../src-server/district/random';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Beijing has kept UTC+8 without daylight saving since 1991. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * The working calendar with the year's working intervals laid out once as instants. The real
 * one finds each day's midnight through a time-zone library (Intl) on every call, which is
 * right and cheap for a service but was ~ 2/3 of the time to generate a million cases (each
 * deadline, delay and alarm instant is a calendar call). Same answers: the days come from the
 * real calendar (holidays, make-up days), and `check` compares both on random inputs before
 * the bench relies on it. Outside the laid-out range it defers to the real arithmetic.
 */
export class YearCalendar extends WorkingCalendar {
  /** Working intervals [start, end) in epoch ms, sorted and disjoint. */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly first: number;
  private readonly last: number;

  constructor(fromMs: number, toMs: number) {
    super();
    const firstDay = Math.floor((fromMs + BEIJING_OFFSET_MS) / DAY_MS);
    const lastDay = Math.ceil((toMs + BEIJING_OFFSET_MS) / DAY_MS);
    for (let d = firstDay; d <= lastDay; d++) {
      const midnight = d * DAY_MS - BEIJING_OFFSET_MS;
      const key = new Date(d * DAY_MS).toISOString().slice(0, 10);
      if (!this.isWorkingDay(key)) continue;
      for (const { start, end } of this.hours.intervals) {
        if (end <= start) continue;
        this.starts.push(midnight + start * MINUTE_MS);
        this.ends.push(midnight + end * MINUTE_MS);
      }
    }
    this.first = firstDay * DAY_MS - BEIJING_OFFSET_MS;
    this.last = (lastDay + 1) * DAY_MS - BEIJING_OFFSET_MS;
  }

  override addLimit(from: Date, limit: TimeLimit): Date {
    const start = from.getTime();
    const remainingMs = Math.round(limit.minutes * MINUTE_MS);
    if (limit.clock === 'natural' || remainingMs === 0 || !(limit.minutes > 0) || !this.covers(start)) return super.addLimit(from, limit);
    let remaining = remainingMs;
    for (let i = this.firstEndingAfter(start); i < this.ends.length; i++) {
      const begin = Math.max(this.starts[i] as number, start);
      const length = (this.ends[i] as number) - begin;
      if (remaining <= length) return new Date(begin + remaining);
      remaining -= length;
    }
    return super.addLimit(from, limit); // ran past the laid-out days
  }

  override workingMinutesBetween(from: Date, to: Date): number {
    const a = from.getTime();
    const b = to.getTime();
    if (!this.covers(a) || !this.covers(b)) return super.workingMinutesBetween(from, to);
    if (b < a) return -this.workingMinutesBetween(to, from);
    let total = 0;
    for (let i = this.firstEndingAfter(a); i < this.ends.length && (this.starts[i] as number) < b; i++) {
      total += Math.max(0, Math.min(this.ends[i] as number, b) - Math.max(this.starts[i] as number, a));
    }
    return total / MINUTE_MS;
  }

  override minutesBetween(from: Date, to: Date, clock: TimeLimit['clock']): number {
    return clock === 'working' ? this.workingMinutesBetween(from, to) : super.minutesBetween(from, to, clock);
  }

  /**
   * Compares this calendar with `real` on `samples` random instants and limits inside the range;
   * throws on the first difference, so the bench never runs on a calendar that disagrees.
   */
  check(real: WorkingCalendar, samples: number, seed: number): void {
    const random = new Random(seed, 'bench-calendar-check');
    const span = this.last - this.first - 60 * DAY_MS;
    for (let i = 0; i < samples; i++) {
      // Whole minutes sometimes (limits often end on interval edges), any millisecond otherwise.
      const raw = this.first + DAY_MS + random.next() * span;
      const at = new Date(i % 2 ? Math.round(raw / MINUTE_MS) * MINUTE_MS : Math.round(raw));
      const limit: TimeLimit = { minutes: i % 3 ? random.int(1, 20 * 480) : random.next() * 600, clock: 'working' };
      const to = new Date(at.getTime() + (random.next() - 0.3) * 20 * DAY_MS);
      const mine = [this.addLimit(at, limit).getTime(), this.minutesBetween(at, to, 'working')];
      const theirs = [real.addLimit(at, limit).getTime(), real.minutesBetween(at, to, 'working')];
      if (Math.abs((mine[1] as number) - (theirs[1] as number)) > 1e-9 || mine[0] !== theirs[0]) {
        throw new Error(`bench calendar disagrees with the working calendar at ${at.toISOString()} (${limit.minutes} min, to ${to.toISOString()}): ${mine.join(', ')} vs ${theirs.join(', ')}`);
      }
    }
  }

  private covers(t: number): boolean {
    return t >= this.first && t < this.last;
  }

  /** The first interval that ends after `t` (binary search). */
  private firstEndingAfter(t: number): number {
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.ends[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
