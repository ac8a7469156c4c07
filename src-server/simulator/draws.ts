import type { Random } from '../district/random';
import type { WorkingCalendar } from '../../src-shared/calendar';

/**
 * The distributions the simulator draws from, all on the seeded PRNG (never Math.random),
 * so one seed replays the same district day.
 */

/** A log-normal delay: `median` minutes, spread `sigma` (of the log), on a clock. */
export interface Delay {
  medianMinutes: number;
  sigma: number;
  /** 'working': only working minutes pass (office work); 'natural': 24/7. */
  clock: 'natural' | 'working';
}

/** A log-normal multiple (e.g. of a category's time limit). */
export interface Spread {
  median: number;
  sigma: number;
}

/** Standard normal by Box–Muller (one of the pair; simplicity over speed). */
export function normal(random: Random): number {
  const u = 1 - random.next(); // (0, 1]: log(0) never happens
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function logNormal(random: Random, spread: Spread): number {
  return spread.median * Math.exp(spread.sigma * normal(random));
}

export function chance(random: Random, p: number): boolean {
  return random.next() < p;
}

/** Exponential gap with the given rate (events per ms). */
export function exponentialMs(random: Random, ratePerMs: number): number {
  return -Math.log(1 - random.next()) / ratePerMs;
}

/** Picks a key of a table of weights (they need not sum to 1). Keys in insertion order: deterministic. */
export function pickWeighted<K extends string>(random: Random, weights: Readonly<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, w]) => sum + Math.max(0, w), 0);
  let target = random.next() * total;
  for (const [key, w] of entries) {
    target -= Math.max(0, w);
    if (target < 0) return key;
  }
  return (entries.at(-1) as [K, number])[0];
}

/** The instant a delay drawn from `delay` ends, starting at `fromMs`. At least one second later. */
export function after(random: Random, calendar: WorkingCalendar, fromMs: number, delay: Delay, scale = 1): number {
  const minutes = Math.max(1 / 60, logNormal(random, { median: delay.medianMinutes * scale, sigma: delay.sigma }));
  return afterMinutes(calendar, fromMs, minutes, delay.clock);
}

export function afterMinutes(calendar: WorkingCalendar, fromMs: number, minutes: number, clock: 'natural' | 'working'): number {
  if (clock === 'natural') return fromMs + Math.round(minutes * 60_000);
  return calendar.addLimit(new Date(fromMs), { minutes, clock: 'working' }).getTime();
}
