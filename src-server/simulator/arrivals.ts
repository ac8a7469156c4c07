import type { WorkingCalendar } from '../../src-shared/calendar';
import type { Channel } from '../../src-shared/domain/case';
import type { Random } from '../district/random';
import { exponentialMs } from './draws';

/**
 * When reports arrive: a Poisson process whose rate follows the day (Beijing time), the kind
 * of day and the channel (calibration.md "Channels", "Time of day"). The rate is constant
 * within each hour, so the next arrival is drawn exactly: an exponential gap at the hour's
 * rate, re-drawn from the hour's end when it overshoots (the process is memoryless).
 */

/** Channel shares of all reports: patrol 85–98 %, hotline 2–6 %, app 0.4–5 %, camera 1–5 %. */
export const CHANNEL_SHARES: Readonly<Record<Channel, number>> = { patrol: 0.9, hotline: 0.05, app: 0.03, camera: 0.02 };

/** Weekend and holiday volume relative to a working day: 60–80 % (*suggested*, weekday > weekend is published). */
export const NON_WORKING_DAY_FACTOR = 0.7;

/**
 * Relative volume per Beijing hour 0–23. *Suggested* shapes: patrols 08:00–18:00 with a
 * morning peak 09–11 and a smaller afternoon one 14–16; the hotline 07:00–22:00 peaking 10–11
 * and 14–15; the app like the hotline with more evening use; cameras all day, fewer at night.
 */
const HOURLY: Readonly<Record<Channel, readonly number[]>> = {
  //        0    1    2    3    4    5    6    7    8    9    10   11   12   13   14   15   16   17   18   19   20   21   22   23
  patrol: [0, 0, 0, 0, 0, 0, 0, 0, 0.8, 1.5, 1.6, 1.2, 0.5, 0.8, 1.3, 1.3, 1.0, 0.7, 0, 0, 0, 0, 0, 0],
  hotline: [0, 0, 0, 0, 0, 0, 0, 0.3, 0.7, 1.0, 1.4, 1.3, 0.8, 0.9, 1.3, 1.2, 1.0, 0.9, 0.7, 0.6, 0.5, 0.3, 0, 0],
  app: [0.1, 0.05, 0, 0, 0, 0, 0.1, 0.4, 0.8, 1.0, 1.1, 1.0, 0.9, 0.9, 1.0, 1.0, 0.9, 0.9, 0.9, 1.0, 1.0, 0.8, 0.5, 0.3],
  camera: [0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.6, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.8, 0.6, 0.4],
};

const HOUR_MS = 3_600_000;
const BEIJING_OFFSET_MS = 8 * HOUR_MS; // no daylight saving in China
const CHANNELS_IN_ORDER: readonly Channel[] = ['patrol', 'hotline', 'app', 'camera'];

/** Reports per ms of each channel in one hour of a working day, for `ratePerDay` reports a day on average over a week. */
function hourlyRates(ratePerDay: number): number[][] {
  // ratePerDay is the weekly average; five working days and two at the lower factor make a week.
  const workingDayVolume = (ratePerDay * 7) / (5 + 2 * NON_WORKING_DAY_FACTOR);
  return Array.from({ length: 24 }, (_, hour) =>
    CHANNELS_IN_ORDER.map((ch) => {
      const curve = HOURLY[ch];
      const total = curve.reduce((a, b) => a + b, 0);
      return (workingDayVolume * CHANNEL_SHARES[ch] * ((curve[hour] ?? 0) / total)) / HOUR_MS;
    }),
  );
}

export class Arrivals {
  private readonly rates: number[][];
  private readonly dayKinds = new Map<number, boolean>();

  constructor(
    ratePerDay: number,
    private readonly random: Random,
    private readonly calendar: WorkingCalendar,
  ) {
    if (!Number.isFinite(ratePerDay) || ratePerDay <= 0) throw new RangeError(`ratePerDay must be positive, not ${ratePerDay}`);
    this.rates = hourlyRates(ratePerDay);
  }

  /** The next report after `fromMs`: when, and through which channel. */
  next(fromMs: number): { at: number; channel: Channel } {
    let t = fromMs;
    for (;;) {
      const local = t + BEIJING_OFFSET_MS;
      const hourEnd = (Math.floor(local / HOUR_MS) + 1) * HOUR_MS - BEIJING_OFFSET_MS;
      const rates = this.ratesAt(local);
      const total = rates.reduce((a, b) => a + b, 0);
      if (total > 0) {
        const at = t + exponentialMs(this.random, total);
        if (at < hourEnd) return { at, channel: this.channelOf(rates, total) };
      }
      t = hourEnd;
    }
  }

  private ratesAt(localMs: number): number[] {
    const day = Math.floor(localMs / (24 * HOUR_MS));
    const hour = Math.floor(localMs / HOUR_MS) % 24;
    const base = this.rates[hour] as number[];
    return this.isWorkingDay(day) ? base : base.map((r) => r * NON_WORKING_DAY_FACTOR);
  }

  private channelOf(rates: readonly number[], total: number): Channel {
    let target = this.random.next() * total;
    for (let i = 0; i < rates.length; i++) {
      target -= rates[i] as number;
      if (target < 0) return CHANNELS_IN_ORDER[i] as Channel;
    }
    return 'patrol';
  }

  /** Working days (incl. make-up days 调休) get the full volume; weekends and holidays less. */
  private isWorkingDay(localDay: number): boolean {
    let working = this.dayKinds.get(localDay);
    if (working === undefined) {
      // Noon of the local day, read by the calendar as that Beijing day.
      working = this.calendar.isWorkingDay(new Date(localDay * 24 * HOUR_MS - BEIJING_OFFSET_MS + 12 * HOUR_MS));
      if (this.dayKinds.size > 400) this.dayKinds.clear();
      this.dayKinds.set(localDay, working);
    }
    return working;
  }
}
